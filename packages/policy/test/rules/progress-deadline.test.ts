import rule from "../../src/rules/progress-deadline.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["default.yaml", "unknown-model.yaml"],
  invalid: [
    {
      file: "short.yaml",
      errors: [
        {
          line: 1,
          column: 26,
          path: "progressDeadlineSeconds",
          messageId: "deadlineTooShort",
          data: { deadline: 600, size: "4.1 GiB", downloadMinutes: 15, startMinutes: 5, needed: 1200 },
        },
      ],
    },
  ],
});
