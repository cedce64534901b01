import rule from "../../src/rules/unused-disable.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  withAllRules: true,
  valid: ["used.yaml"],
  invalid: [
    {
      file: "unused.yaml",
      errors: [
        { line: 1, column: 20, messageId: "ruleSuppressesNothing", data: { directive: "llmchart-disable", ruleId: "ingress-tls", where: "in this file" } },
        { line: 5, column: 32, messageId: "ruleSuppressesNothing", data: { directive: "llmchart-disable-next-line", ruleId: "model-sha256", where: "on the next line" } },
        { line: 5, column: 46, messageId: "unknownRule", data: { ruleId: "threads-unse", directive: "llmchart-disable-next-line", hint: ' — did you mean "threads-unset"?' } },
        { line: 7, column: 30, messageId: "cannotDisable", data: { ruleId: "schema/type" } },
      ],
    },
    { file: "blanket.yaml", errors: [{ line: 2, column: 1, messageId: "suppressesNothing", data: { directive: "llmchart-disable-next-line" } }] },
  ],
});
