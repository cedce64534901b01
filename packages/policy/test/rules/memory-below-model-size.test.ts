import rule from "../../src/rules/memory-below-model-size.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["fits.yaml", "unknown-model.yaml"],
  invalid: [
    {
      file: "too-small.yaml",
      errors: [
        {
          line: 6,
          column: 13,
          path: "resources.limits.memory",
          message:
            'resources.limits.memory "4G" cannot hold the model: mistral-7b-instruct-v0.2.Q4_K_M.gguf is ~4.1 GiB (7.24B parameters × 4.89 bits for Q4_K_M) before any KV or prompt cache — raise the limit above 5Gi plus KV cache, --cache-ram and headroom, or pick a smaller quantisation',
        },
      ],
    },
  ],
});
