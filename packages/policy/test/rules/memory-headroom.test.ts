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
          message:
            'resources.limits.memory "8Gi" is below the estimated need of 11.3 GiB: model ~1.6 GiB + KV cache 1.3 GiB (-c 4096, f16) + prompt cache 8.0 GiB (--cache-ram default 8192 MiB) + 512 MiB headroom — raise the limit to 12Gi, or cap the prompt cache with "--cache-ram", "4608"',
        },
      ],
    },
    {
      file: "kv-types.yaml",
      errors: [
        {
          line: 6,
          column: 13,
          message:
            'resources.limits.memory "6Gi" is below the estimated need of 6.7 GiB: model ~4.1 GiB + KV cache 2.1 GiB (-c 32768, q8_0) + no prompt cache (--cache-ram 0) + 512 MiB headroom — raise the limit to 7Gi, or lower -c',
        },
      ],
    },
    { file: "no-limit.yaml", errors: [{ line: 1, column: 1, path: "resources.limits.memory", message: /^no resources\.limits\.memory: estimated need 11\.3 GiB \(.*\) — set limits\.memory \(and requests\.memory\) to at least 12Gi$/ }] },
    { file: "unlimited-cache.yaml", errors: [{ line: 6, column: 13, message: /^--cache-ram -1 lets the prompt cache grow without bound/ }] },
  ],
});
