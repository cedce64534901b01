import rule from "../../src/rules/model-sha256.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["with-sha.yaml", "disabled.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [{ line: 1, column: 1, path: "model.sha256", messageId: "missingSha256FromHub", data: { filename: "phi-2.Q4_K_M.gguf", repoId: "TheBloke/phi-2-GGUF" } }],
    },
    { file: "url-only.yaml", errors: [{ line: 1, column: 1, messageId: "missingSha256", data: { filename: "my-model.Q4_K_M.gguf" } }] },
  ],
});
