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
          message: "--port 9090 but service.port is 8080: the pod listens on 9090 while the Service, Ingress and in-cluster URLs use 8080 — set --port 8080 (or change service.port)",
        },
      ],
    },
    { file: "inline-single.yaml", fixed: true, errors: [{ line: 1, column: 13, message: /^--port=9000 but service\.port is 8080 \(the chart default\): / }] },
    { file: "env.yaml", fixed: true, errors: [{ line: 5, column: 12, message: /^LLAMA_ARG_PORT=9000 but service\.port is 8080: .* set LLAMA_ARG_PORT=8080 / }] },
    { file: "plain-number.yaml", fixed: true, errors: [{ line: 5, column: 5, message: /^--port 9090 but service\.port is 8081/ }] },
  ],
});
