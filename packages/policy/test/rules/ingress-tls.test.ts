import rule from "../../src/rules/ingress-tls.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["disabled.yaml", "tls.yaml"],
  invalid: [
    { file: "no-tls.yaml", errors: [{ line: 2, column: 12, path: "ingress.enabled", messageId: "noTls" }] },
    { file: "empty-tls.yaml", errors: [{ line: 3, column: 3, path: "ingress.tls", messageId: "noTls" }] },
  ],
});
