import { didYouMean, excerpt } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { nameText, quotedName } from "../rule-utils.js";
import { findFlag, serverEnvNames, serverFlagNames } from "../flags.js";

/** A near-miss suggestion; short flags (`-x`) only match case-insensitively, since every letter is a distance of 1 from another flag. */
function suggestFlag(name: string): string | undefined {
  const exact = serverFlagNames.find((n) => n.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  if (name.length <= 4) return undefined;
  return didYouMean(name, serverFlagNames.filter((n) => n.startsWith("--") === name.startsWith("--")));
}

export default defineRule({
  id: "unknown-flag",
  description: "Every extraArgs item is a flag the pinned llama-server accepts or that flag's value, and every LLAMA_ARG_* variable is one it reads.",
  severity: "error",
  help: "Fix the spelling (see `llama-server --help` of the pinned image build), or remove the item.",
  messages: {
    shortFlagInlineValue: "unknown server flag {{arg}}: short flags take their value as the next item — write {{flag}}, {{value}}",
    unknownFlagDidYouMean: 'unknown server flag {{flag}} — did you mean "{{suggestion}}"?',
    unknownFlag: 'unknown server flag {{flag}}: llama-server exits with "invalid argument" (check llama-server --help of the pinned build)',
    unknownEnv: "{{name}} is not a variable llama-server reads, so it is silently ignored{{hint}}",
    valueAfterSwitch: '{{text}} follows {{flag}}, which takes no value: llama-server exits with "invalid argument" — remove it, or use the flag that takes it',
    strayValue: '{{text}} is neither a flag nor a flag\'s value: llama-server exits with "invalid argument" — remove it or add its flag',
  },
  check(ctx) {
    for (const issue of ctx.args.issues) {
      if (issue.kind === "unknown-flag") {
        const eq = issue.name.indexOf("=");
        if (!issue.name.startsWith("--") && eq > 0 && findFlag(issue.name.slice(0, eq))) {
          const flag = issue.name.slice(0, eq);
          ctx.report({
            messageId: "shortFlagInlineValue",
            data: { arg: quotedName(issue.name), flag: quotedName(flag), value: excerpt(issue.name.slice(eq + 1)) },
            path: ["extraArgs", issue.index],
          });
          continue;
        }
        const hint = suggestFlag(issue.name);
        ctx.report({
          ...(hint ? { messageId: "unknownFlagDidYouMean", data: { flag: quotedName(issue.name), suggestion: hint } } : { messageId: "unknownFlag", data: { flag: quotedName(issue.name) } }),
          path: ["extraArgs", issue.index],
        });
      } else if (issue.kind === "unknown-env") {
        const hint = didYouMean(issue.name, serverEnvNames);
        ctx.report({
          messageId: "unknownEnv",
          data: { name: nameText(issue.name), hint: hint ? ` — did you mean ${hint}?` : "" },
          path: ["extraEnv", issue.index, "name"],
        });
      } else if (issue.kind === "unexpected-value") {
        ctx.report({
          ...(issue.after
            ? { messageId: "valueAfterSwitch", data: { text: excerpt(issue.text), flag: nameText(issue.after) } }
            : { messageId: "strayValue", data: { text: excerpt(issue.text) } }),
          path: ["extraArgs", issue.index],
        });
      }
    }
  },
});
