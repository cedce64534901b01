import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { intValue } from "../server-args.js";

export default defineRule({
  id: "cpu-limit-missing",
  description: "resources.limits.cpu is set, so the server cannot take the whole node and the thread count has a bound to match.",
  severity: "warning",
  help: "Set resources.limits.cpu to the thread count (-t), ideally equal to requests.cpu (Guaranteed QoS).",
  messages: {
    noCpuLimitMatchThreads: 'no resources.limits.cpu: the server can take every core of the node and starve its neighbours — set resources.limits.cpu: "{{threads}}" to match -t {{threads}}',
    noCpuLimit: "no resources.limits.cpu: the server can take every core of the node and starve its neighbours — set resources.limits.cpu and -t to the same whole number of cores",
  },
  check(ctx) {
    // A limit that is set but not a usable quantity is the schema's finding (schema/pattern, schema/quantity), not a missing one.
    const limit = ctx.get("resources.limits.cpu");
    if (parseQuantity(limit, "cpu") !== undefined || (limit !== undefined && limit !== null && limit !== "")) return;
    const t = intValue(ctx.args.get("-t"));
    ctx.report({
      ...(t !== undefined && t > 0 ? { messageId: "noCpuLimitMatchThreads", data: { threads: t } } : { messageId: "noCpuLimit" }),
      path: "resources.limits.cpu",
    });
  },
});
