import rule from "../../src/rules/model-sha256.js";
import { lockOf, QWEN } from "../pinned.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  modelLock: lockOf(QWEN),
  valid: ["with-sha.yaml", "disabled.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [{ line: 1, column: 1, path: "model.sha256", messageId: "missingSha256FromHub", data: { filename: "phi-2.Q4_K_M.gguf", repoId: "TheBloke/phi-2-GGUF", model: "missing" } }],
    },
    { file: "url-only.yaml", errors: [{ line: 1, column: 1, messageId: "missingSha256", data: { filename: "my-model.Q4_K_M.gguf", model: "url-only" } }] },
    // Pinned, but the values file does not carry the checksum yet: the pin copies it.
    { file: "pinned.yaml", errors: [{ line: 1, column: 1, messageId: "pinnedSha256", data: { filename: "qwen2.5-7b-instruct-q4_k_m.gguf", model: "pinned" } }] },
  ],
});
