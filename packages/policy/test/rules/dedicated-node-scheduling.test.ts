import rule from "../../src/rules/dedicated-node-scheduling.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["both.yaml", "arch-only.yaml", "affinity.yaml"],
  invalid: [
    {
      file: "toleration-only.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "tolerations",
          messageId: "toleratedButNotPinned",
          data: { taint: "llm-only=true:NoSchedule" },
        },
      ],
    },
    {
      file: "selector-only.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "nodeSelector",
          messageId: "pinnedButNotTolerated",
          data: { label: "llm-node=true" },
        },
      ],
    },
  ],
});
