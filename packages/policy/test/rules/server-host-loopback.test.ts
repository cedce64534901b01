import rule from "../../src/rules/server-host-loopback.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["any.yaml", "chart-adds.yaml", "ipv6-any.yaml"],
  invalid: [
    {
      file: "localhost.yaml",
      fixed: true,
      errors: [
        {
          line: 3,
          column: 5,
          endColumn: 14,
          path: "extraArgs[1]",
          message: "--host 127.0.0.1 listens on loopback only: the Service and the probes cannot reach the server — use --host 0.0.0.0",
        },
      ],
    },
    { file: "flow.yaml", fixed: true, errors: [{ line: 1, column: 21, message: /^--host localhost listens on loopback only/ }] },
    { file: "env.yaml", fixed: true, errors: [{ line: 3, column: 12, message: /^LLAMA_ARG_HOST=127\.0\.0\.1 listens on loopback only: .* use LLAMA_ARG_HOST=0\.0\.0\.0$/ }] },
  ],
});
