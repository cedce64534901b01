import rule from "../../src/rules/null-without-default.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["deletes-default.yaml"],
  invalid: [
    {
      // Helm 3.10 agrees: "affinity.nodeAffinity: Invalid type. Expected: object, given: null".
      file: "kubernetes-object.yaml",
      errors: [{ line: 3, column: 3, path: "affinity.nodeAffinity", message: "affinity.nodeAffinity is null, but the chart has no default for it to delete: Helm keeps the null and values.schema.json rejects it (must be object) — remove the key or give it a value" }],
    },
    {
      file: "no-default.yaml",
      errors: [
        {
          line: 4,
          column: 3,
          path: "model.filename",
          message:
            "model.filename is null, but the chart has no default for it to delete: Helm keeps the null and values.schema.json rejects it (must be string) — remove the key or give it a value",
        },
      ],
    },
    {
      file: "empty-value.yaml",
      errors: [
        { line: 1, column: 1, path: "priorityClassName", message: /^priorityClassName is null, .*\(must be string\)/ },
        { line: 3, column: 3, path: "nodeSelector.llm-node", message: /^nodeSelector\.llm-node is null/ },
      ],
    },
    { file: "in-list.yaml", errors: [{ line: 4, column: 5, path: "tolerations[0].value", message: /^tolerations\[0\]\.value is null/ }] },
  ],
});
