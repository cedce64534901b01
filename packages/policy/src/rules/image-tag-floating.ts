import { defineRule, type RuleContext } from "../define-rule.js";
import { quotedName } from "../rule-utils.js";

const FLOATING = new Set(["latest", "main", "master", "stable", "edge", "nightly", "dev"]);

/** Whether a tag names a moving target. llama.cpp images are pinned only by a build number (`server-b11429`). */
export function isFloatingTag(repository: string | undefined, tag: string | undefined): boolean {
  if (!tag) return true;
  if (FLOATING.has(tag.toLowerCase())) return true;
  if (repository && /llama\.cpp$/.test(repository)) return !/(^|-)b\d+(-|$)/.test(tag);
  return false;
}

type Messages = "floatingServerTag" | "floatingDownloaderTag" | "judgedWithNewest" | "newerThanData" | "configNewerThanData" | "olderThanData";

/** Once per file: which build the flag rules judged it with, when that is not simply the build the image names. */
function reportBuild(ctx: RuleContext<Messages>): void {
  const { build } = ctx;
  const path = build.from === "image.digest" ? "image.digest" : "image.tag";
  switch (build.status) {
    case "floating":
    case "unknown-digest":
      ctx.report({
        messageId: "judgedWithNewest",
        data: { what: build.status === "floating" ? "the server image's tag" : "the server image's digest", build: build.label },
        path,
        severity: "info",
      });
      return;
    case "newer-than-data":
      // The config's own pin is the same for every file that inherits it: said once per run.
      if (build.from === "config" && !ctx.once("newer-than-data:config")) return;
      ctx.report({
        messageId: build.from === "config" ? "configNewerThanData" : "newerThanData",
        data: { requested: build.requested ?? build.number, build: build.label },
        path,
        severity: "info",
      });
      return;
    case "older-than-data":
      ctx.report({ messageId: "olderThanData", data: { requested: build.requested ?? build.number, first: build.number }, path, severity: "info" });
      return;
    default:
      return;
  }
}

export default defineRule<Messages>({
  id: "image-tag-floating",
  description:
    "Container images are pinned: no latest, no llama.cpp floating tag (server, server-cuda, …) — unless a digest pins them. An empty tag means the tag the config pins. Says which build the flag rules judged when the image names none or one outside the data: once per file, and once per run for the config's pin.",
  severity: "warning",
  help: "Pin a build tag such as server-b11429 (or set image.digest); the server's flags change between builds, and the flag rules judge the build the tag names.",
  messages: {
    floatingServerTag: "image.tag {{tag}} floats: each pull may bring a llama-server build with different flags — pin a build{{suggestion}} (or set image.digest)",
    floatingDownloaderTag: "initDownloader.image.tag {{tag}} floats: each pull may bring a different downloader — pin a tag{{suggestion}}",
    judgedWithNewest: "{{what}} names no llama.cpp build: the flag rules judged this file with the newest build they know, {{build}}",
    newerThanData: "build b{{requested}} is newer than llmchart's flag data: the rules assumed {{build}}",
    configNewerThanData:
      "build b{{requested}}, which llmchart.config.yaml pins for every file that names no image, is newer than llmchart's flag data: the rules assumed {{build}} (said once per run)",
    olderThanData:
      "build b{{requested}} is older than llmchart's flag data (which starts at b{{first}}): the flag rules (unknown-flag, removed-flag, flag-value, duplicate-flag) do not judge this file",
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
    reportBuild(ctx);
  },
});
