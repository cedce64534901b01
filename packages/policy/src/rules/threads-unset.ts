import { bareExcerpt, parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { intValue, nameText, optionPath, shown } from "../rule-utils.js";

export default defineRule({
  id: "threads-unset",
  description: "With a CPU limit set, the thread count (-t) is set too: without it llama-server counts the node's cores, not the limit.",
  severity: "warning",
  help: "Add \"-t\", \"<floor(resources.limits.cpu)>\" to extraArgs.",
  messages: {
    noThreads:
      'no -t: llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — add "-t", "{{threads}}" to extraArgs',
    allCores:
      '{{flag}} {{value}} means "all cores": llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — add "-t", "{{threads}}" to extraArgs',
  },
  check(ctx) {
    const raw = ctx.get("resources.limits.cpu");
    const limit = parseQuantity(raw, "cpu");
    if (limit === undefined) return;
    const opt = ctx.args.get("-t");
    const n = intValue(opt);
    if (opt && n !== undefined && n > 0) return;
    if (opt && (opt.value === undefined || n === undefined)) return; // a missing or malformed value is flag-value's
    const max = Math.max(1, Math.floor(limit));
    const data = { limit: shown(raw), threads: max };
    ctx.report({
      ...(opt ? { messageId: "allCores", data: { ...data, flag: nameText(opt.name), value: bareExcerpt(opt.value ?? "") } } : { messageId: "noThreads", data }),
      path: (opt && optionPath(opt)) ?? "extraArgs",
    });
  },
});
