import rule from "../../src/rules/download-url.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["no-url.yaml", "matching-url.yaml", "mirror.yaml"],
  invalid: [
    {
      file: "basename.yaml",
      errors: [{ line: 4, column: 16, path: "model.downloadUrl", messageId: "wrongFilename", data: { basename: '"phi-2.Q8_0.gguf"', filename: '"phi-2.Q4_K_M.gguf"' } }],
    },
    {
      file: "repo-mismatch.yaml",
      errors: [{ line: 2, column: 11, path: "model.repoId", messageId: "repoMismatch", data: { repoId: '"TheBloke/Mistral-7B-Instruct-v0.2-GGUF"', urlRepo: '"TheBloke/phi-2-GGUF"' } }],
    },
    { file: "blob.yaml", errors: [{ line: 4, column: 16, path: "model.downloadUrl", messageId: "blobPage", data: { repo: "TheBloke/phi-2-GGUF" } }] },
    {
      file: "invalid-url.yaml",
      errors: [{ line: 5, column: 16, path: "model.downloadUrl", messageId: "invalidUrl", data: { url: '"https://huggingface.co:99999/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf"' } }],
    },
  ],
});
