import { posix } from "node:path";
import { defineRule } from "../define-rule.js";
import { nameText } from "../rule-utils.js";

export default defineRule({
  id: "model-disabled",
  description: "With model.enabled: false nothing is downloaded, so the server must not open a file in the models volume.",
  severity: "error",
  help: "Set model.enabled: true, or point -m at a model that exists without the download (baked into the image or on another volume).",
  messages: {
    notDownloaded:
      "model.enabled is false, so nothing is downloaded into {{mountPath}}, yet the server opens {{file}} ({{source}}) and will fail to start — set model.enabled: true, or point -m at a model that exists without the download",
  },
  check(ctx) {
    if (ctx.get("model.enabled") !== false) return;
    const opt = ctx.args.get("-m");
    if (!opt || opt.value === undefined) return;
    const mountPath = posix.normalize(ctx.text("volume.models.mountPath") ?? "/models");
    const file = posix.normalize(opt.value);
    if (!file.startsWith(mountPath.endsWith("/") ? mountPath : `${mountPath}/`)) return;
    ctx.report({
      messageId: "notDownloaded",
      data: { mountPath: nameText(mountPath), file: nameText(file), source: opt.source === "chart" ? "-m added by the chart" : opt.source === "env" ? nameText(opt.name) : `extraArgs ${nameText(opt.name)}` },
      path: "model.enabled",
    });
  },
});
