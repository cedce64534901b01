import rule from "../../src/rules/load-balancer-source-ranges.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["cluster-ip.yaml", "ranges.yaml"],
  invalid: [{ file: "open.yaml", errors: [{ line: 2, column: 9, path: "service.type", messageId: "noSourceRanges" }] }],
});
