import { defineRule } from "../define-rule.js";
import { nameText } from "../rule-utils.js";
import { REPLACEMENTS, displayNames, normalizeFlag, otherToolHint } from "../flags.js";

export default defineRule({
  id: "removed-flag",
  description: "No flag (or LLAMA_ARG_* variable) that the pinned llama-server build removed or never had (--mlock, --no-mmap, -p, …).",
  severity: "error",
  help: "Use the replacement the message names (e.g. --load-mode mlock for --mlock), or drop the flag.",
  messages: {
    removedFlag: "{{flag}} was removed from llama-server (the pinned build rejects it and the pod crash-loops): use {{replacement}}",
    notAServerOption: '{{flag}} is not a llama-server option (the server exits with "invalid argument"): {{hint}}',
    removedEnv: "{{name}} is no longer read by the pinned llama-server build, so it silently does nothing: use {{replacement}}",
    removedEnvNoReplacement: "{{name}} is no longer read by the pinned llama-server build, so it silently does nothing ({{hint}})",
  },
  check(ctx) {
    for (const issue of ctx.args.issues) {
      if (issue.kind === "removed-flag") {
        const name = normalizeFlag(issue.name);
        const replacement = REPLACEMENTS[name] ?? issue.spec?.names.map((n) => REPLACEMENTS[n]).find((r) => r !== undefined);
        const shownName = issue.spec ? displayNames(issue.spec) : nameText(issue.name);
        ctx.report({
          ...(replacement
            ? { messageId: "removedFlag", data: { flag: nameText(issue.name), replacement } }
            : { messageId: "notAServerOption", data: { flag: shownName, hint: issue.spec ? otherToolHint(issue.spec) : "drop it" } }),
          path: ["extraArgs", issue.index],
        });
      } else if (issue.kind === "removed-env") {
        const replacement = REPLACEMENTS[issue.name] ?? issue.spec.names.map((n) => REPLACEMENTS[n]).find((r) => r !== undefined);
        ctx.report({
          ...(replacement
            ? { messageId: "removedEnv", data: { name: nameText(issue.name), replacement } }
            : { messageId: "removedEnvNoReplacement", data: { name: nameText(issue.name), hint: otherToolHint(issue.spec) } }),
          path: ["extraEnv", issue.index, "name"],
        });
      }
    }
  },
});
