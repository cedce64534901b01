import { defineRule } from "../define-rule.js";
import { nameText } from "../rule-utils.js";

export default defineRule({
  id: "model-sha256",
  description: "model.sha256 is set, so the download is verified and re-downloads are skipped.",
  severity: "info",
  help: "Copy the SHA256 from the file's page on Hugging Face (Files → the .gguf → 'SHA256'), or run `sha256sum <file>`, into model.sha256.",
  messages: {
    missingSha256FromHub:
      'model.sha256 is not set, so the download of {{filename}} is not verified: copy the "SHA256" on https://huggingface.co/{{repoId}}/blob/main/{{filename}} (or run `sha256sum {{filename}}`) into model.sha256',
    missingSha256: "model.sha256 is not set, so the download of {{filename}} is not verified: copy the publisher's checksum (or run `sha256sum {{filename}}`) into model.sha256",
  },
  check(ctx) {
    const filename = ctx.text("model.filename");
    if (!filename || ctx.get("model.enabled") === false || ctx.text("model.sha256")) return;
    const repoId = ctx.text("model.repoId");
    ctx.report({
      ...(repoId ? { messageId: "missingSha256FromHub", data: { filename: nameText(filename), repoId: nameText(repoId) } } : { messageId: "missingSha256", data: { filename: nameText(filename) } }),
      path: "model.sha256",
    });
  },
});
