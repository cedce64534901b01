import { defineRule } from "../define-rule.js";
import { quotedName } from "../rule-utils.js";

const FLOATING = new Set(["latest", "main", "master", "stable", "edge", "nightly", "dev"]);

/** Whether a tag names a moving target. llama.cpp images are pinned only by a build number (`server-b11429`). */
export function isFloatingTag(repository: string | undefined, tag: string | undefined): boolean {
  if (!tag) return true;
  if (FLOATING.has(tag.toLowerCase())) return true;
  if (repository && /llama\.cpp$/.test(repository)) return !/(^|-)b\d+(-|$)/.test(tag);
  return false;
}

export default defineRule({
  id: "image-tag-floating",
  description: "Container images are pinned: no latest, no llama.cpp floating tag (server, server-cuda, …) — unless a digest pins them. An empty tag means the tag the config pins.",
  severity: "warning",
  help: "Pin a build tag such as server-b11429 (or set image.digest); the server's flags change between builds.",
  messages: {
    floatingServerTag: "image.tag {{tag}} floats: each pull may bring a llama-server build with different flags (e.g. --mlock is gone since b10884) — pin a build{{suggestion}} (or set image.digest)",
    floatingDownloaderTag: "initDownloader.image.tag {{tag}} floats: each pull may bring a different downloader — pin a tag{{suggestion}}",
  },
  check(ctx) {
    for (const scope of ["image", "initDownloader.image"]) {
      const pinnedImage = scope === "image" ? ctx.config.images.server : ctx.config.images.downloader;
      // An empty repository or tag is unset: the chart then uses the image the config pins.
      const repository = ctx.text(`${scope}.repository`) ?? pinnedImage.repository;
      const tag = ctx.text(`${scope}.tag`) ?? pinnedImage.tag;
      if (ctx.text(`${scope}.digest`) || !isFloatingTag(repository, tag)) continue;
      const pinned = pinnedImage.tag;
      const suggestion = pinned && !isFloatingTag(repository, pinned) ? ` such as ${pinned}` : "";
      ctx.report({
        messageId: scope === "image" ? "floatingServerTag" : "floatingDownloaderTag",
        // Quoted, as the values file would spell it.
        data: { tag: quotedName(tag), suggestion },
        path: `${scope}.tag`,
      });
    }
  },
});
