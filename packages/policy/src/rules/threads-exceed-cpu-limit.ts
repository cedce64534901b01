import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { describeOption, intValue, optionPath, shown } from "../rule-utils.js";

export default defineRule({
  id: "threads-exceed-cpu-limit",
  description: "The server's threads (-t/--threads, -tb/--threads-batch, LLAMA_ARG_THREADS) do not exceed resources.limits.cpu.",
  severity: "error",
  help: "Set -t (and -tb) to floor(resources.limits.cpu), or raise the CPU limit.",
  check(ctx) {
    const raw = ctx.get("resources.limits.cpu");
    const limit = parseQuantity(raw);
    if (limit === undefined) return;
    const max = Math.max(1, Math.floor(limit));
    for (const flag of ["-t", "-tb"]) {
      const opt = ctx.args.get(flag);
      const n = intValue(opt);
      if (!opt || n === undefined || n <= max) continue;
      ctx.report({
        message: `${describeOption(opt)} runs ${n} threads but resources.limits.cpu is ${shown(raw)}: llama.cpp's lock-step threads stall when the CPU quota throttles them — set ${opt.source === "env" ? `${opt.name}=${max}` : `${opt.name} ${max}`} (floor of the CPU limit) or raise the limit`,
        path: optionPath(opt) ?? "extraArgs",
      });
    }
  },
});
