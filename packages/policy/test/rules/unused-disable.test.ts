import rule from "../../src/rules/unused-disable.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  withAllRules: true,
  valid: ["used.yaml"],
  invalid: [
    {
      file: "unused.yaml",
      errors: [
        { line: 1, column: 20, message: "llmchart-disable image-tag-floating suppresses nothing in this file: remove it" },
        { line: 5, column: 32, message: "llmchart-disable-next-line model-sha256 suppresses nothing on the next line: remove it" },
        { line: 5, column: 46, message: 'unknown rule "threads-unse" in llmchart-disable-next-line — did you mean "threads-unset"?' },
        { line: 7, column: 30, message: "schema/type cannot be disabled: schema and YAML errors are what Helm itself rejects; fix the value instead" },
      ],
    },
    { file: "blanket.yaml", errors: [{ line: 2, column: 1, message: "llmchart-disable-next-line suppresses nothing here: remove the comment" }] },
  ],
});
