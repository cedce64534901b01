import rule from "../../src/rules/chart-required.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  // A deleted image repository falls back to the image pinned in the config: not required.
  valid: ["download-url.yaml", "repo-and-file.yaml", "server-downloads.yaml", "repository-deleted.yaml"],
  invalid: [
    {
      file: "empty.yaml",
      errors: [
        { line: 1, column: 1, path: "model.filename", messageId: "missingFilename" },
        { line: 1, column: 1, path: "model.repoId", messageId: "missingRepoId" },
      ],
    },
    { file: "no-repo-id.yaml", errors: [{ line: 1, column: 1, path: "model.repoId", messageId: "missingRepoId" }] },
    { file: "model-disabled.yaml", errors: [{ line: 2, column: 1, path: "model.filename", messageId: "missingFilenameForServer" }] },
  ],
});
