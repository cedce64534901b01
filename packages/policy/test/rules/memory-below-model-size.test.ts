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
          messageId: "modelDoesNotFit",
          data: {
            limit: '"4G"',
            filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf",
            size: "~4.1 GiB (7.24B parameters × 4.89 bits for Q4_K_M)",
            minimum: "5Gi",
            caches: "KV or prompt cache",
            extras: "KV cache, --cache-ram and headroom",
          },
        },
      ],
    },
    // b4719 has no host-RAM prompt cache (--cache-ram came in b6723): the message names none.
    {
      file: "no-prompt-cache.yaml",
      errors: [
        {
          line: 8,
          column: 13,
          messageId: "modelDoesNotFit",
          data: {
            limit: '"4G"',
            filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf",
            size: "~4.1 GiB (7.24B parameters × 4.89 bits for Q4_K_M)",
            minimum: "5Gi",
            caches: "KV cache",
            extras: "KV cache and headroom",
          },
        },
      ],
    },
  ],
});
