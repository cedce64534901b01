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
          message: "-c 4096 is above phi-2's training context (2048): the server caps each slot at 2048 and still allocates the KV cache for 4096 — use -c 2048 or less",
        },
      ],
    },
    { file: "env.yaml", errors: [{ line: 6, column: 12, message: /^LLAMA_ARG_CTX_SIZE=65536 is above mistral-7b's training context \(32768\)/ }] },
  ],
});
