import rule from "../../src/rules/cpu-limit-missing.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["limit.yaml"],
  invalid: [
    { file: "none.yaml", errors: [{ line: 1, column: 1, path: "resources.limits.cpu", messageId: "noCpuLimitMatchThreads", data: { threads: 4 } }] },
    { file: "requests-only.yaml", errors: [{ line: 1, column: 1, messageId: "noCpuLimit" }] },
  ],
});
