import { defaultConfig } from "@llmchart/schema";
import { buildOfImage, DATA_RANGE } from "../../src/llama/builds.js";
import rule from "../../src/rules/image-tag-floating.js";
import { testRule } from "../rule-tester.js";

/** The label the rules give a build (`b10587 (newest in the data; …)`), from the data itself. */
const label = (image: { tag?: string; digest?: string }) => buildOfImage(image, defaultConfig.images.server).label;
const pinned = defaultConfig.images.server.tag;
const pinnedBuild = Number(/b(\d+)$/.exec(pinned)![1]);
const digest = "sha256:2f8ebc2dde83c4bd7e5c6d61efa57965e0d5a79d29802c246c4593740d9c04c1";

testRule(rule, {
  valid: ["exact-digest.yaml", "pinned.yaml"],
  invalid: [
    {
      file: "floating.yaml",
      errors: [
        { line: 3, column: 8, path: "image.tag", messageId: "floatingServerTag", data: { tag: '"server"', suggestion: ` such as ${pinned}` } },
        { line: 3, column: 8, path: "image.tag", severity: "info", messageId: "judgedWithNewest", data: { what: "the server image's tag", build: label({ tag: "server" }) } },
        { line: 7, column: 10, path: "initDownloader.image.tag", messageId: "floatingDownloaderTag", data: { tag: '"latest"', suggestion: " such as 8.10.1" } },
      ],
    },
    // A digest pins the image, so no warning; its tag still names no build.
    { file: "digest.yaml", errors: [{ line: 2, column: 8, severity: "info", messageId: "judgedWithNewest", data: { what: "the server image's tag", build: label({ tag: "server", digest }) } }] },
    {
      file: "digest-only.yaml",
      errors: [{ line: 4, column: 11, path: "image.digest", severity: "info", messageId: "judgedWithNewest", data: { what: "the server image's digest", build: label({ digest }) } }],
    },
    // The config pins a build newer than the flag data (docs/builds.md): said once per run, as info.
    {
      file: "default.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "image.tag",
          severity: "info",
          messageId: "configNewerThanData",
          data: { requested: pinnedBuild, build: label({ tag: pinned }) },
          message: /comes from the chart default\]$/,
        },
      ],
    },
    { file: "empty-tag.yaml", errors: [{ line: 3, column: 8, severity: "info", messageId: "configNewerThanData", data: { requested: pinnedBuild, build: label({ tag: pinned }) } }] },
    // A file naming its own build newer than the data: said on that file.
    { file: "newer.yaml", errors: [{ line: 3, column: 8, severity: "info", messageId: "newerThanData", data: { requested: 11000, build: label({ tag: "server-b11000" }) } }] },
    { file: "older.yaml", errors: [{ line: 3, column: 8, severity: "info", messageId: "olderThanData", data: { requested: 1000, first: DATA_RANGE.first } }] },
  ],
});
