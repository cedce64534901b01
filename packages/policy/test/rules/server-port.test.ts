import rule from "../../src/rules/server-port.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["match.yaml", "chart-adds.yaml", "service-port.yaml"],
  invalid: [
    {
      file: "mismatch.yaml",
      fixed: true,
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 11,
          path: "extraArgs[1]",
          messageId: "portMismatch",
          data: { option: "--port 9090", servicePort: 8080, fromDefault: "", port: "9090", suggestion: "--port 8080" },
        },
      ],
    },
    {
      file: "inline-single.yaml",
      fixed: true,
      errors: [
        {
          line: 1,
          column: 13,
          messageId: "portMismatch",
          data: { option: "--port=9000", servicePort: 8080, fromDefault: " (the chart default)", port: "9000", suggestion: "--port 8080" },
        },
      ],
    },
    {
      file: "env.yaml",
      fixed: true,
      errors: [
        { line: 5, column: 12, messageId: "portMismatch", data: { option: "LLAMA_ARG_PORT=9000", servicePort: 8080, fromDefault: "", port: "9000", suggestion: "LLAMA_ARG_PORT=8080" } },
      ],
    },
    {
      file: "plain-number.yaml",
      fixed: true,
      errors: [{ line: 5, column: 5, messageId: "portMismatch", data: { option: "--port 9090", servicePort: 8081, fromDefault: "", port: "9090", suggestion: "--port 8081" } }],
    },
  ],
});
