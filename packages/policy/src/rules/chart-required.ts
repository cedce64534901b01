import { defineRule } from "../define-rule.js";
import { str } from "../rule-utils.js";
import { parseServerArgs } from "../server-args.js";

/**
 * The chart's `required` calls (templates/_helpers.tpl), with the conditions under which the
 * templates reach them. A test renders the chart with real Helm and checks that this rule
 * reports exactly when `helm template` fails with "… is required".
 */
export default defineRule({
  id: "chart-required",
  description: "Values the chart's templates require (model.filename, model.repoId or downloadUrl) are set once merged with the chart defaults, or helm template fails.",
  severity: "error",
  help: "Set the value in the values file (or stop removing its default with null).",
  check(ctx) {
    const enabled = ctx.get("model.enabled") !== false;
    // The chart adds -m <mountPath>/<filename> unless extraArgs or extraEnv name a model source.
    const chartAddsModel = () => parseServerArgs(ctx.values.extraArgs, ctx.values.extraEnv, { model: "/", host: "0.0.0.0", port: 8080, metrics: false }).get("-m")?.source === "chart";
    const missing = (path: string, why: string, helm = `${path} is required`) =>
      ctx.report({ message: `${path} is required: ${why}, so helm template (and the Argo CD sync) fails with "${helm}"`, path });
    if (!str(ctx.get("model.filename")) && (enabled || chartAddsModel())) {
      missing("model.filename", enabled ? "the download-model initContainer saves the GGUF file under it" : "the chart passes -m <mountPath>/<filename> to the server", "model.filename is required (the GGUF file name, also its name in the models volume)");
    }
    if (enabled && !str(ctx.get("model.downloadUrl")) && !str(ctx.get("model.repoId"))) {
      missing("model.repoId", "the download URL is built from it (or set model.downloadUrl)", "model.repoId (or model.downloadUrl) is required to download the model");
    }
    // image.repository and initDownloader.image.repository are not required: an empty or missing
    // one falls back to the image pinned in llmchart.config.yaml (the chart's image helper).
  },
});
