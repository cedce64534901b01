import { defineRule } from "../define-rule.js";
import { nameText, quotedName } from "../rule-utils.js";

const HF_HOSTS = new Set(["huggingface.co", "hf.co", "www.huggingface.co"]);

export default defineRule({
  id: "download-url",
  description: "model.downloadUrl downloads the file model.filename names (its last path segment, query ignored) from the repository model.repoId names.",
  severity: "error",
  help: "Make the URL's last path segment equal model.filename and, for Hugging Face URLs, its <org>/<repo> equal model.repoId; use /resolve/ URLs, not /blob/ pages.",
  // Values in the messages are quoted as JSON.
  messages: {
    invalidUrl: "model.downloadUrl {{url}} is not a valid URL",
    wrongFilename:
      "model.downloadUrl fetches {{basename}} but model.filename is {{filename}}: the file would be saved (and sized) under the wrong name — make the URL's last segment {{filename}} or fix model.filename",
    blobPage: "model.downloadUrl is a /blob/ page, which returns HTML, not the GGUF file: use /resolve/ (https://huggingface.co/{{repo}}/resolve/…)",
    repoMismatch: "model.repoId {{repoId}} disagrees with model.downloadUrl, which downloads from {{urlRepo}}: make them name the same repository",
  },
  check(ctx) {
    const url = ctx.text("model.downloadUrl");
    if (!url) return;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      ctx.report({ messageId: "invalidUrl", data: { url: quotedName(url) }, path: "model.downloadUrl" });
      return;
    }
    const segments = parsed.pathname.split("/").filter(Boolean);
    let basename = segments[segments.length - 1] ?? "";
    try {
      basename = decodeURIComponent(basename);
    } catch {
      // keep the raw segment
    }
    const filename = ctx.text("model.filename");
    if (filename && basename !== filename) {
      ctx.report({
        messageId: "wrongFilename",
        data: { basename: quotedName(basename), filename: quotedName(filename) },
        path: "model.downloadUrl",
      });
    }
    if (!HF_HOSTS.has(parsed.hostname.toLowerCase())) return;
    const m = /^\/([^/]+\/[^/]+)\/(resolve|blob|raw)\/[^/]+\/(.+)$/.exec(parsed.pathname);
    if (!m) return;
    const [, urlRepo, kind] = m;
    if (kind === "blob") {
      ctx.report({
        messageId: "blobPage",
        data: { repo: nameText(urlRepo!) },
        path: "model.downloadUrl",
      });
    }
    const repoId = ctx.text("model.repoId");
    if (repoId && urlRepo && repoId.toLowerCase() !== urlRepo.toLowerCase()) {
      ctx.report({
        messageId: "repoMismatch",
        data: { repoId: quotedName(repoId), urlRepo: quotedName(urlRepo) },
        path: "model.repoId",
      });
    }
  },
});
