import rule from "../../src/rules/model-size-unknown.js";
import { lockOf, PHI2 } from "../pinned.js";
import { testRule } from "../rule-tester.js";

const byHand = "file + KV cache + compute + --cache-ram + headroom";

testRule(rule, {
  modelLock: lockOf(PHI2),
  valid: ["pinned.yaml", "no-filename.yaml"],
  invalid: [
    {
      file: "not-pinned.yaml",
      errors: [
        {
          line: 3,
          column: 13,
          path: "model.filename",
          messageId: "notPinned",
          data: { filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf", lock: "llmchart.lock.yaml", basis: "known model mistral-7b, Q4_K_M", model: "not-pinned" },
        },
      ],
    },
    {
      file: "other-file.yaml",
      errors: [
        {
          line: 3,
          column: 13,
          messageId: "otherFile",
          data: { filename: "phi-2.Q4_K_M.gguf", lock: "llmchart.lock.yaml", why: "the lock has sha256 aaaaaaaaaaaa…, model.sha256 is dddddddddddd…", model: "other-file" },
        },
      ],
    },
    { file: "custom-name.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParamsOrQuant", data: { filename: "my-finetune.gguf", model: "custom-name", byHand } }] },
    { file: "no-quant.yaml", errors: [{ line: 3, column: 13, messageId: "noQuant", data: { filename: "llama-13b-chat.gguf", model: "no-quant", byHand } }] },
    { file: "no-params.yaml", errors: [{ line: 3, column: 13, path: "model.filename", messageId: "noParams", data: { filename: "my-finetune.Q4_K_M.gguf", model: "no-params", byHand } }] },
    // b4719 has no host-RAM prompt cache: nothing to size for it.
    { file: "no-prompt-cache.yaml", errors: [{ line: 5, column: 13, messageId: "noParamsOrQuant", data: { filename: "my-finetune.gguf", model: "no-prompt-cache", byHand: "file + KV cache + compute + headroom" } }] },
  ],
});
