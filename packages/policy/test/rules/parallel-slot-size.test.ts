import rule from "../../src/rules/parallel-slot-size.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["auto.yaml", "auto-unified.yaml", "enough.yaml", "unified.yaml"],
  invalid: [
    {
      file: "small-slots.yaml",
      errors: [
        {
          line: 5,
          column: 5,
          path: "extraArgs[3]",
          messageId: "slotsTooSmall",
          data: { option: "-np 8", total: 2048, slots: 8, perSlot: 256, minCtx: 4096 },
        },
      ],
    },
    // No -c: the context is phi-2's training context, 2048.
    {
      file: "training-context.yaml",
      errors: [{ line: 4, column: 27, messageId: "slotsTooSmall", data: { option: "--parallel 6", total: 2048, slots: 6, perSlot: 341, minCtx: 3072 } }],
    },
    {
      file: "no-unified.yaml",
      errors: [{ line: 4, column: 34, messageId: "slotsTooSmallNoUnified", data: { option: "-np 8", total: 2048, slots: 8, perSlot: 256, minCtx: 4096 } }],
    },
    // Not mistral-7b's 32768-token training context: b4719's default -c, 4096.
    {
      file: "build-default-ctx.yaml",
      errors: [{ line: 7, column: 20, messageId: "slotsTooSmallNoUnified", data: { option: "-np 16", total: 4096, slots: 16, perSlot: 256, minCtx: 8192 } }],
    },
  ],
});
