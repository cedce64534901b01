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
          message:
            'resources.requests.memory "16Gi" is more than resources.limits.memory "12Gi": Kubernetes rejects the pod ("must be less than or equal to memory limit") — lower the request or raise the limit',
        },
      ],
    },
    {
      file: "units.yaml",
      errors: [
        { line: 3, column: 10, path: "resources.requests.cpu", message: /^resources\.requests\.cpu "1\.5" is more than resources\.limits\.cpu "1000m"/ },
        { line: 9, column: 15, path: "initDownloader.resources.requests.memory", message: /^initDownloader\.resources\.requests\.memory "1G" is more than initDownloader\.resources\.limits\.memory "512Mi"/ },
      ],
    },
  ],
});
