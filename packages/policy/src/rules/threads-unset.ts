import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { describeOption, nameText, optionPath, shown } from "../rule-utils.js";
import { intValue } from "../server-args.js";

export default defineRule({
  id: "threads-unset",
  description: "With a CPU limit set, the thread count (-t) is set too: without it llama-server counts the node's cores, not the limit.",
  severity: "warning",
  help: "Add \"-t\", \"<floor(resources.limits.cpu), at least 1>\" to extraArgs, or change a -t of 0 or less to that number.",
  messages: {
    noThreads:
      'no -t: llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — add "-t", "{{threads}}" to extraArgs',
    noThreadsBelowOneCore:
      'no -t: llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — add "-t", "1" to extraArgs (one thread, the fewest: the limit is less than one core, so the quota still throttles it; or raise limits.cpu to 1)',
    allCores:
      '{{option}} means "all cores": llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — change it to {{suggestion}}',
    allCoresBelowOneCore:
      '{{option}} means "all cores": llama-server counts the node\'s physical cores, not resources.limits.cpu {{limit}}, and oversubscribes its threads — change it to {{suggestion}} (one thread, the fewest: the limit is less than one core, so the quota still throttles it; or raise limits.cpu to 1)',
  },
  check(ctx) {
    const raw = ctx.get("resources.limits.cpu");
    const limit = parseQuantity(raw, "cpu");
    if (limit === undefined) return;
    const opt = ctx.args.get("-t");
    const n = intValue(opt);
    if (opt && n !== undefined && n > 0) return;
    if (opt && (opt.value === undefined || n === undefined)) return; // a missing or malformed value is flag-value's
    const below = Math.floor(limit) < 1;
    const max = Math.max(1, Math.floor(limit));
    if (!opt) {
      ctx.report({ messageId: below ? "noThreadsBelowOneCore" : "noThreads", data: { limit: shown(raw), threads: max }, path: "extraArgs" });
      return;
    }
    // The flag is there with a value meaning "all cores": the advice changes that value.
    const suggestion = opt.source === "env" ? `${nameText(opt.name)}=${max}` : `${nameText(opt.name)} ${max}`;
    ctx.report({
      messageId: below ? "allCoresBelowOneCore" : "allCores",
      data: { option: describeOption(opt), limit: shown(raw), suggestion },
      path: optionPath(opt) ?? "extraArgs",
    });
  },
});
