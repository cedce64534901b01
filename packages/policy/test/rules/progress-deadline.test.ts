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
          message:
            "progressDeadlineSeconds 600 is shorter than downloading ~4.1 GiB at a conservative 5 MB/s (~15 min) plus 5 min to start: Kubernetes would mark the rollout failed mid-download — set it to at least 1200",
        },
      ],
    },
  ],
});
