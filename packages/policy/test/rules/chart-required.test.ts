import rule from "../../src/rules/chart-required.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  // A deleted image repository falls back to the image pinned in the config: not required.
  valid: ["download-url.yaml", "repo-and-file.yaml", "server-downloads.yaml", "repository-deleted.yaml"],
  invalid: [
    {
      file: "empty.yaml",
      errors: [
        { line: 1, column: 1, path: "model.filename", message: /^model\.filename is required: the download-model initContainer saves the GGUF file under it, so helm template \(and the Argo CD sync\) fails with "model\.filename is required \(the GGUF file name/ },
        { line: 1, column: 1, path: "model.repoId", message: /^model\.repoId is required: the download URL is built from it \(or set model\.downloadUrl\)/ },
      ],
    },
    { file: "no-repo-id.yaml", errors: [{ line: 1, column: 1, path: "model.repoId", message: /^model\.repoId is required/ }] },
  ],
});
