import rule from "../../src/rules/parallel-slot-size.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["enough.yaml", "unified.yaml", "auto.yaml"],
  invalid: [
    {
      file: "small-slots.yaml",
      errors: [
        {
          line: 5,
          column: 5,
          path: "extraArgs[3]",
          message: "-np 8 splits a context of 2048 tokens into 8 slots of 256: a prompt plus its answer rarely fits — lower -np, raise -c to at least 4096, or share one pool with --kv-unified",
        },
      ],
    },
    // No -c: the context is phi-2's training context, 2048.
    { file: "training-context.yaml", errors: [{ line: 4, column: 27, message: /^--parallel 6 splits a context of 2048 tokens into 6 slots of 341/ }] },
  ],
});
