import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { describeOption, optionPath, shown } from "../rule-utils.js";
import { intValue } from "../server-args.js";

export default defineRule({
  id: "threads-exceed-cpu-limit",
  description: "The server's threads (-t/--threads, -tb/--threads-batch, LLAMA_ARG_THREADS) do not exceed resources.limits.cpu.",
  severity: "error",
  help: "Set -t (and -tb) to floor(resources.limits.cpu), at least 1, or raise the CPU limit.",
  messages: {
    tooManyThreads:
      "{{option}} runs {{threads}} threads but resources.limits.cpu is {{limit}}: llama.cpp's lock-step threads stall when the CPU quota throttles them — set {{suggestion}} (floor of the CPU limit) or raise the limit",
    tooManyThreadsBelowOneCore:
      "{{option}} runs {{threads}} threads but resources.limits.cpu is {{limit}}, less than one core: llama.cpp's lock-step threads stall when the CPU quota throttles them — set {{suggestion}} (one thread, the fewest; the quota still throttles it) or raise limits.cpu to 1",
  },
  check(ctx) {
    const raw = ctx.get("resources.limits.cpu");
    const limit = parseQuantity(raw, "cpu");
    if (limit === undefined) return;
    // Fewer than one thread is no setting: below one core the advice is one thread (or a bigger limit).
    const floor = Math.floor(limit);
    const max = Math.max(1, floor);
    for (const flag of ["-t", "-tb"]) {
      const opt = ctx.args.get(flag);
      const n = intValue(opt);
      if (!opt || n === undefined || n <= max) continue;
      ctx.report({
        messageId: floor < 1 ? "tooManyThreadsBelowOneCore" : "tooManyThreads",
        data: { option: describeOption(opt), threads: n, limit: shown(raw), suggestion: opt.source === "env" ? `${opt.name}=${max}` : `${opt.name} ${max}` },
        path: optionPath(opt) ?? "extraArgs",
      });
    }
  },
});
