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
          messageId: "loopbackHost",
          data: { option: "--host 127.0.0.1", suggestion: "--host 0.0.0.0" },
        },
      ],
    },
    { file: "flow.yaml", fixed: true, errors: [{ line: 1, column: 21, messageId: "loopbackHost", data: { option: "--host localhost", suggestion: "--host 0.0.0.0" } }] },
    { file: "env.yaml", fixed: true, errors: [{ line: 3, column: 12, messageId: "loopbackHost", data: { option: "LLAMA_ARG_HOST=127.0.0.1", suggestion: "LLAMA_ARG_HOST=0.0.0.0" } }] },
  ],
});
