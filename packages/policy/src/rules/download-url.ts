import { defineRule } from "../define-rule.js";

const HF_HOSTS = new Set(["huggingface.co", "hf.co", "www.huggingface.co"]);

export default defineRule({
  id: "download-url",
  description: "model.downloadUrl downloads the file model.filename names (its last path segment, query ignored) from the repository model.repoId names.",
  severity: "error",
  help: "Make the URL's last path segment equal model.filename and, for Hugging Face URLs, its <org>/<repo> equal model.repoId; use /resolve/ URLs, not /blob/ pages.",
  check(ctx) {
    const url = ctx.text("model.downloadUrl");
    if (!url) return;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      ctx.report({ message: `model.downloadUrl ${JSON.stringify(url)} is not a valid URL`, path: "model.downloadUrl" });
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
        message: `model.downloadUrl fetches ${JSON.stringify(basename)} but model.filename is ${JSON.stringify(filename)}: the file would be saved (and sized) under the wrong name — make the URL's last segment ${JSON.stringify(filename)} or fix model.filename`,
        path: "model.downloadUrl",
      });
    }
    if (!HF_HOSTS.has(parsed.hostname.toLowerCase())) return;
    const m = /^\/([^/]+\/[^/]+)\/(resolve|blob|raw)\/[^/]+\/(.+)$/.exec(parsed.pathname);
    if (!m) return;
    const [, urlRepo, kind] = m;
    if (kind === "blob") {
      ctx.report({
        message: `model.downloadUrl is a /blob/ page, which returns HTML, not the GGUF file: use /resolve/ (https://huggingface.co/${urlRepo}/resolve/…)`,
        path: "model.downloadUrl",
      });
    }
    const repoId = ctx.text("model.repoId");
    if (repoId && urlRepo && repoId.toLowerCase() !== urlRepo.toLowerCase()) {
      ctx.report({
        message: `model.repoId ${JSON.stringify(repoId)} disagrees with model.downloadUrl, which downloads from ${JSON.stringify(urlRepo)}: make them name the same repository`,
        path: "model.repoId",
      });
    }
  },
});
