import { defineRule } from "../define-rule.js";

export default defineRule({
  id: "load-balancer-source-ranges",
  description: "A LoadBalancer Service lists service.loadBalancerSourceRanges, so the server is not open to every address that reaches the load balancer.",
  severity: "warning",
  help: "List the CIDRs allowed to call the server in service.loadBalancerSourceRanges (and set --api-key from a Secret).",
  messages: {
    noSourceRanges:
      "service.type LoadBalancer without service.loadBalancerSourceRanges exposes the llama-server API (no API key by default) to every address that reaches the load balancer — list the allowed CIDRs",
  },
  check(ctx) {
    if (ctx.get("service.type") !== "LoadBalancer") return;
    const ranges = ctx.get("service.loadBalancerSourceRanges");
    if (Array.isArray(ranges) && ranges.length > 0) return;
    ctx.report({
      messageId: "noSourceRanges",
      path: "service.type",
    });
  },
});
