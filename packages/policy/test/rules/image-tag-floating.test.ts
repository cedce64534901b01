import rule from "../../src/rules/image-tag-floating.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["default.yaml", "digest.yaml", "empty-tag.yaml", "pinned.yaml"],
  invalid: [
    {
      file: "floating.yaml",
      errors: [
        { line: 3, column: 8, path: "image.tag", messageId: "floatingServerTag", data: { tag: '"server"', suggestion: " such as server-b11429" } },
        { line: 7, column: 10, path: "initDownloader.image.tag", messageId: "floatingDownloaderTag", data: { tag: '"latest"', suggestion: " such as 8.10.1" } },
      ],
    },
  ],
});
