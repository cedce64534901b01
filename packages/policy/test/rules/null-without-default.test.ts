import rule from "../../src/rules/null-without-default.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["deletes-default.yaml"],
  invalid: [
    {
      // Helm 3.10 agrees: "affinity.nodeAffinity: Invalid type. Expected: object, given: null".
      file: "kubernetes-object.yaml",
      errors: [{ line: 3, column: 3, path: "affinity.nodeAffinity", messageId: "keptNull", data: { path: "affinity.nodeAffinity", error: "must be object" } }],
    },
    { file: "no-default.yaml", errors: [{ line: 4, column: 3, path: "model.filename", messageId: "keptNull", data: { path: "model.filename", error: "must be string" } }] },
    {
      file: "empty-value.yaml",
      errors: [
        { line: 1, column: 1, path: "priorityClassName", messageId: "keptNull", data: { path: "priorityClassName", error: "must be string" } },
        { line: 3, column: 3, path: "nodeSelector.llm-node", messageId: "keptNull", data: { path: "nodeSelector.llm-node", error: "must be string" } },
      ],
    },
    { file: "in-list.yaml", errors: [{ line: 4, column: 5, path: "tolerations[0].value", messageId: "keptNull", data: { path: "tolerations[0].value", error: "must be string" } }] },
  ],
});
