import { defineRule } from "../define-rule.js";
import { canonicalName, type FlagSpec } from "../flags.js";
import type { ServerOption } from "../server-args.js";
import { describeOption, judgesFlags, nameText, optionPath } from "../rule-utils.js";

export default defineRule({
  id: "duplicate-flag",
  description: "Each server option is given once: not twice in extraArgs, and not both as an argument and as an LLAMA_ARG_* variable.",
  severity: "warning",
  help: "Keep one occurrence: the server uses the last command-line one, and a command-line argument beats the environment variable.",
  messages: {
    repeatedFlag: "{{flag}} is given {{count}} times: the server ignores {{ignored}} and uses the last, {{last}} — remove the extra one",
    envOverridden: "{{name}} is ignored: {{option}} in extraArgs beats the variable — keep one of them",
    envRepeated: "{{first}} and {{second}} both set {{flag}}: keep one (Kubernetes passes the last entry of a repeated name, and a negated variable contradicts the other)",
  },
  check(ctx) {
    if (!judgesFlags(ctx.build)) return;
    const bySpec = new Map<FlagSpec, ServerOption[]>();
    for (const o of ctx.args.options) {
      if (o.spec.repeatable) continue;
      bySpec.set(o.spec, [...(bySpec.get(o.spec) ?? []), o]);
    }
    for (const list of bySpec.values()) {
      const cli = list.filter((o) => o.source === "args");
      const last = cli[cli.length - 1];
      if (!last || cli.length < 2) continue;
      for (const o of cli.slice(0, -1)) {
        ctx.report({
          messageId: "repeatedFlag",
          data: { flag: canonicalName(o.spec), count: cli.length, ignored: describeOption(o), last: describeOption(last) },
          path: optionPath(o, "flag") ?? "extraArgs",
        });
      }
    }
    const envSeen = new Map<FlagSpec, ServerOption>();
    for (const e of ctx.args.env) {
      const cli = ctx.args.options.filter((o) => o.spec === e.spec);
      const winner = cli[cli.length - 1];
      if (winner) {
        ctx.report({
          messageId: "envOverridden",
          data: { name: nameText(e.name), option: describeOption(winner) },
          path: optionPath(e, "flag") ?? "extraEnv",
        });
        continue;
      }
      const before = envSeen.get(e.spec);
      if (before) {
        ctx.report({
          messageId: "envRepeated",
          data: { first: nameText(before.name), second: nameText(e.name), flag: canonicalName(e.spec) },
          path: optionPath(e, "flag") ?? "extraEnv",
        });
      }
      envSeen.set(e.spec, e);
    }
  },
});
