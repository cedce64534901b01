import { basename, extname } from "node:path";
import { defineRule } from "../define-rule.js";
import { nameText } from "../rule-utils.js";

export default defineRule({
  id: "model-sha256",
  description: "model.sha256 is set, so the download is verified and re-downloads are skipped.",
  severity: "info",
  help: "Run `llmchart models pin <model>`: it reads the SHA256 the Hub publishes for the file (or computes it with --offline --file <path>) and fills model.sha256.",
  messages: {
    missingSha256FromHub:
      "model.sha256 is not set, so the download of {{filename}} is not verified: run `llmchart models pin {{model}}` to fill it with the SHA256 {{repoId}} publishes",
    missingSha256:
      "model.sha256 is not set, so the download of {{filename}} is not verified: run `llmchart models pin {{model}}` (or `llmchart models pin --offline --file {{filename}} {{model}}` for a downloaded copy) to fill it",
    pinnedSha256: "model.sha256 is not set, so the download of {{filename}} is not verified: the lock has its SHA256 — run `llmchart models pin {{model}}` to copy it into model.sha256",
  },
  check(ctx) {
    const filename = ctx.text("model.filename");
    if (!filename || ctx.get("model.enabled") === false || ctx.text("model.sha256")) return;
    const repoId = ctx.text("model.repoId");
    const model = basename(ctx.file.path, extname(ctx.file.path));
    const pinned = ctx.model?.pinned?.sha256 !== undefined;
    ctx.report({
      ...(pinned
        ? { messageId: "pinnedSha256", data: { filename: nameText(filename), model: nameText(model) } }
        : repoId
          ? { messageId: "missingSha256FromHub", data: { filename: nameText(filename), repoId: nameText(repoId), model: nameText(model) } }
          : { messageId: "missingSha256", data: { filename: nameText(filename), model: nameText(model) } }),
      path: "model.sha256",
    });
  },
});
