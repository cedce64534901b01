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
          message:
            "tolerations let the pod onto nodes tainted llm-only=true:NoSchedule, but nothing keeps it there: it may land on any node — add a nodeSelector (e.g. the dedicated node's label) or a required nodeAffinity",
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
          message:
            "nodeSelector pins the pod to nodes labelled llm-node=true but it tolerates no taint: if that node is dedicated (tainted, e.g. llm-only=true:NoSchedule) the pod stays Pending — add the matching toleration",
        },
      ],
    },
  ],
});
