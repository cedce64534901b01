import rule from "../../src/rules/load-balancer-source-ranges.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["cluster-ip.yaml", "ranges.yaml"],
  invalid: [
    {
      file: "open.yaml",
      errors: [
        {
          line: 2,
          column: 9,
          path: "service.type",
          message:
            "service.type LoadBalancer without service.loadBalancerSourceRanges exposes the llama-server API (no API key by default) to every address that reaches the load balancer — list the allowed CIDRs",
        },
      ],
    },
  ],
});
