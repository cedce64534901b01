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
  // The quoted errors are the chart's own `required` messages (templates/_helpers.tpl).
  messages: {
    missingFilename:
      'model.filename is required: the download-model initContainer saves the GGUF file under it, so helm template (and the Argo CD sync) fails with "model.filename is required (the GGUF file name, also its name in the models volume)"',
    missingFilenameForServer:
      'model.filename is required: the chart passes -m <mountPath>/<filename> to the server, so helm template (and the Argo CD sync) fails with "model.filename is required (the GGUF file name, also its name in the models volume)"',
    missingRepoId:
      'model.repoId is required: the download URL is built from it (or set model.downloadUrl), so helm template (and the Argo CD sync) fails with "model.repoId (or model.downloadUrl) is required to download the model"',
  },
  check(ctx) {
    const enabled = ctx.get("model.enabled") !== false;
    // The chart adds -m <mountPath>/<filename> unless extraArgs or extraEnv name a model source.
    const chartAddsModel = () => parseServerArgs(ctx.build.flags, ctx.get("extraArgs"), ctx.get("extraEnv"), { model: "/", host: "0.0.0.0", port: 8080, metrics: false }).get("-m")?.source === "chart";
    if (!str(ctx.get("model.filename")) && (enabled || chartAddsModel())) {
      ctx.report({ messageId: enabled ? "missingFilename" : "missingFilenameForServer", path: "model.filename" });
    }
    if (enabled && !str(ctx.get("model.downloadUrl")) && !str(ctx.get("model.repoId"))) {
      ctx.report({ messageId: "missingRepoId", path: "model.repoId" });
    }
    // image.repository and initDownloader.image.repository are not required: an empty or missing
    // one falls back to the image pinned in llmchart.config.yaml (the chart's image helper).
  },
});
