import rule from "../../src/rules/cpu-limit-missing.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["limit.yaml"],
  invalid: [
    {
      file: "none.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "resources.limits.cpu",
          message: 'no resources.limits.cpu: the server can take every core of the node and starve its neighbours — set resources.limits.cpu: "4" to match -t 4',
        },
      ],
    },
    { file: "requests-only.yaml", errors: [{ line: 1, column: 1, message: /— set resources\.limits\.cpu and -t to the same whole number of cores$/ }] },
  ],
});
