import rule from "../../src/rules/ingress-tls.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["disabled.yaml", "tls.yaml"],
  invalid: [
    {
      file: "no-tls.yaml",
      errors: [
        {
          line: 2,
          column: 12,
          path: "ingress.enabled",
          message: "ingress is enabled without TLS: prompts, completions and any API key cross the network in clear text — add ingress.tls (hosts and a certificate Secret)",
        },
      ],
    },
    { file: "empty-tls.yaml", errors: [{ line: 3, column: 3, path: "ingress.tls", message: /^ingress is enabled without TLS/ }] },
  ],
});
