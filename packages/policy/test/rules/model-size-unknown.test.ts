import rule from "../../src/rules/model-size-unknown.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["known.yaml", "no-filename.yaml"],
  invalid: [
    { file: "custom-name.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParamsOrQuant", data: { filename: "my-finetune.gguf" } }] },
    { file: "no-quant.yaml", errors: [{ line: 3, column: 13, messageId: "noQuant", data: { filename: "llama-13b-chat.gguf" } }] },
    { file: "no-params.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParams", data: { filename: "my-finetune.Q4_K_M.gguf" } }] },
  ],
});
