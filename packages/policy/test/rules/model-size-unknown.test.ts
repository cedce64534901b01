import rule from "../../src/rules/model-size-unknown.js";
import { testRule } from "../rule-tester.js";

const byHand = "file + KV cache + --cache-ram + headroom";

testRule(rule, {
  valid: ["known.yaml", "no-filename.yaml"],
  invalid: [
    { file: "custom-name.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParamsOrQuant", data: { filename: "my-finetune.gguf", byHand } }] },
    { file: "no-quant.yaml", errors: [{ line: 3, column: 13, messageId: "noQuant", data: { filename: "llama-13b-chat.gguf", byHand } }] },
    { file: "no-params.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParams", data: { filename: "my-finetune.Q4_K_M.gguf", byHand } }] },
    // b4719 has no host-RAM prompt cache: nothing to size for it.
    { file: "no-prompt-cache.yaml", errors: [{ line: 5, column: 13, messageId: "noParamsOrQuant", data: { filename: "my-finetune.gguf", byHand: "file + KV cache + headroom" } }] },
  ],
});
