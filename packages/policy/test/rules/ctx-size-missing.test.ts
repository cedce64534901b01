import rule from "../../src/rules/ctx-size-missing.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["set.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        {
          line: 4,
          column: 1,
          path: "extraArgs",
          message: 'no -c: llama-server uses the model\'s training context (32768 tokens, a 4.0 GiB f16 KV cache for mistral-7b), allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"',
        },
      ],
    },
    { file: "zero.yaml", errors: [{ line: 6, column: 5, path: "extraArgs[1]", message: /^-c 0 means the model's training context \(2048 tokens, a 640 MiB f16 KV cache for phi-2\)/ }] },
    { file: "unknown-model.yaml", errors: [{ line: 1, column: 1, message: 'no -c: llama-server uses the model\'s training context, allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"' }] },
  ],
});
