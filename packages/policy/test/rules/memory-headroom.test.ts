import rule from "../../src/rules/memory-headroom.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["enough.yaml", "unknown-model.yaml"],
  invalid: [
    {
      // The seed's phi-2 case: 8Gi is not enough once the default 8 GiB prompt cache fills up.
      file: "default-cache-ram.yaml",
      errors: [
        {
          line: 6,
          column: 13,
          path: "resources.limits.memory",
          messageId: "belowEstimate",
          data: {
            limit: '"8Gi"',
            need: "10.9 GiB",
            breakdown:
              "model ~1.6 GiB + KV cache 1.3 GiB (-c 4096, f16, 32 layers, 4 slots sharing it; from the known-model table) + compute 73 MiB (512-token batches, flash attention) + prompt cache 8.0 GiB (--cache-ram default 8192 MiB) + 40 MiB headroom",
            minimum: "11Gi",
            alternative: ', or cap the prompt cache with "--cache-ram", "5120"',
          },
        },
      ],
    },
    {
      file: "kv-types.yaml",
      errors: [
        {
          line: 6,
          column: 13,
          messageId: "belowEstimate",
          data: {
            limit: '"6Gi"',
            need: "6.4 GiB",
            breakdown:
              "model ~4.1 GiB + KV cache 2.1 GiB (-c 32768, q8_0, 32 layers, 4 slots sharing it; from the known-model table) + compute 104 MiB (512-token batches, flash attention) + no prompt cache (--cache-ram 0) + 37 MiB headroom",
            minimum: "7Gi",
            alternative: ", or lower -c",
          },
        },
      ],
    },
    {
      file: "no-limit.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "resources.limits.memory",
          messageId: "noLimit",
          data: {
            need: "10.9 GiB",
            breakdown:
              "model ~1.6 GiB + KV cache 1.3 GiB (-c 4096, f16, 32 layers, 4 slots sharing it; from the known-model table) + compute 73 MiB (512-token batches, flash attention) + prompt cache 8.0 GiB (--cache-ram default 8192 MiB) + 40 MiB headroom",
            minimum: "11Gi",
          },
        },
      ],
    },
    { file: "unlimited-cache.yaml", errors: [{ line: 6, column: 13, messageId: "unboundedPromptCache", data: { limit: '"64Gi"' } }] },
  ],
});
