import rule from "../../src/rules/image-tag-floating.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["default.yaml", "digest.yaml", "empty-tag.yaml", "pinned.yaml"],
  invalid: [
    {
      file: "floating.yaml",
      errors: [
        {
          line: 3,
          column: 8,
          path: "image.tag",
          message: 'image.tag "server" floats: each pull may bring a llama-server build with different flags (e.g. --mlock is gone since b10884) — pin a build such as server-b11429 (or set image.digest)',
        },
        { line: 7, column: 10, path: "initDownloader.image.tag", message: 'initDownloader.image.tag "latest" floats: each pull may bring a different downloader — pin a tag such as 8.10.1' },
      ],
    },
  ],
});
