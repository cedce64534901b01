import rule from "../../src/rules/ctx-exceeds-training.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["within.yaml", "rope.yaml", "unknown-model.yaml"],
  invalid: [
    {
      // The seed's phi2.yaml does exactly this: a legitimate warning.
      file: "phi2.yaml",
      errors: [
        {
          line: 6,
          column: 5,
          path: "extraArgs[1]",
          messageId: "exceedsTraining",
          data: { option: "-c 4096", model: "phi-2", train: 2048, ctxSize: 4096 },
        },
      ],
    },
    { file: "env.yaml", errors: [{ line: 6, column: 12, messageId: "exceedsTraining", data: { option: "LLAMA_ARG_CTX_SIZE=65536", model: "mistral-7b", train: 32768, ctxSize: 65536 } }] },
  ],
});
