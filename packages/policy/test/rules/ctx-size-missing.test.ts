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
          messageId: "noCtx",
          data: { size: " (32768 tokens, a 4.0 GiB f16 KV cache for mistral-7b)" },
        },
      ],
    },
    { file: "zero.yaml", errors: [{ line: 6, column: 5, path: "extraArgs[1]", messageId: "ctxZero", data: { flag: "-c", size: " (2048 tokens, a 640 MiB f16 KV cache for phi-2)" } }] },
    { file: "unknown-model.yaml", errors: [{ line: 1, column: 1, messageId: "noCtx", data: { size: "" } }] },
    {
      file: "fixed-default.yaml",
      errors: [{ line: 7, column: 1, path: "extraArgs", severity: "info", messageId: "noCtxFixedDefault", data: { build: "b4719", ctxDefault: 4096, size: "; phi-2 was trained for 2048" } }],
    },
  ],
});
