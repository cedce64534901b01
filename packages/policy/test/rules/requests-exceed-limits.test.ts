import rule from "../../src/rules/requests-exceed-limits.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["equal.yaml", "only-requests.yaml"],
  invalid: [
    {
      file: "memory.yaml",
      errors: [
        {
          line: 4,
          column: 13,
          path: "resources.requests.memory",
          messageId: "requestAboveLimit",
          data: { scope: "resources", resource: "memory", request: '"16Gi"', limit: '"12Gi"' },
        },
      ],
    },
    {
      file: "units.yaml",
      errors: [
        { line: 3, column: 10, path: "resources.requests.cpu", messageId: "requestAboveLimit", data: { scope: "resources", resource: "cpu", request: '"1.5"', limit: '"1000m"' } },
        {
          line: 9,
          column: 15,
          path: "initDownloader.resources.requests.memory",
          messageId: "requestAboveLimit",
          data: { scope: "initDownloader.resources", resource: "memory", request: '"1G"', limit: '"512Mi"' },
        },
      ],
    },
  ],
});
