import rule from "../../src/rules/download-url.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["no-url.yaml", "matching-url.yaml", "mirror.yaml"],
  invalid: [
    {
      file: "basename.yaml",
      errors: [
        {
          line: 4,
          column: 16,
          path: "model.downloadUrl",
          message:
            'model.downloadUrl fetches "phi-2.Q8_0.gguf" but model.filename is "phi-2.Q4_K_M.gguf": the file would be saved (and sized) under the wrong name — make the URL\'s last segment "phi-2.Q4_K_M.gguf" or fix model.filename',
        },
      ],
    },
    {
      file: "repo-mismatch.yaml",
      errors: [
        {
          line: 2,
          column: 11,
          path: "model.repoId",
          message: 'model.repoId "TheBloke/Mistral-7B-Instruct-v0.2-GGUF" disagrees with model.downloadUrl, which downloads from "TheBloke/phi-2-GGUF": make them name the same repository',
        },
      ],
    },
    { file: "blob.yaml", errors: [{ line: 4, column: 16, message: /is a \/blob\/ page, which returns HTML, not the GGUF file: use \/resolve\// }] },
  ],
});
