import { didYouMean, excerpt } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import type { FlagTable } from "../llama/types.js";
import { buildName, judgesFlags, nameText, quotedName } from "../rule-utils.js";

/** A near-miss among the build's own flags; short flags (`-x`) only match case-insensitively, since every letter is a distance of 1 from another flag. */
function suggestFlag(flags: FlagTable, name: string): string | undefined {
  const names = flags.serverFlagNames;
  const exact = names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  if (name.length <= 4) return undefined;
  return didYouMean(name, names.filter((n) => n.startsWith("--") === name.startsWith("--")));
}

export default defineRule({
  id: "unknown-flag",
  description:
    "Every extraArgs item is a flag the file's llama-server build accepts or that flag's value, and every LLAMA_ARG_* variable is one that build reads (the build is image.tag, else the pinned image).",
  severity: "error",
  help: "Fix the spelling (see `llama-server --help` of the file's image build), pin a build that has the flag, or remove the item.",
  messages: {
    shortFlagInlineValue: 'unknown server flag {{arg}}: short flags take their value as the next item — write {{flag}}, {{value}}',
    unknownFlagDidYouMean: 'unknown server flag {{flag}} — did you mean "{{suggestion}}"?',
    unknownFlag: 'unknown server flag {{flag}}: llama-server exits with "invalid argument" (check llama-server --help of {{build}})',
    unknownFlagNewerBuild:
      'server flag {{flag}} is unknown to llmchart\'s flag data, which ends at b{{last}}; this file\'s build, {{build}}, is newer and may have it — check its llama-server --help (it exits with "invalid argument" on a flag it does not know)',
    laterFlag: 'server flag "{{flag}}" was added in b{{added}}; this file\'s build is {{build}}, which exits with "invalid argument" — pin server-b{{added}} or newer, or remove it',
    unknownEnv: "{{name}} is not a variable llama-server reads, so it is silently ignored{{hint}}",
    laterEnv: "{{name}} is read from b{{added}} on; this file's build is {{build}}, which silently ignores it — pin server-b{{added}} or newer, or remove it",
    valueAfterSwitch: '{{text}} follows {{flag}}, which takes no value: llama-server exits with "invalid argument" — remove it, or use the flag that takes it',
    strayValue: '{{text}} is neither a flag nor a flag\'s value: llama-server exits with "invalid argument" — remove it or add its flag',
  },
  check(ctx) {
    if (!judgesFlags(ctx.build)) return;
    const { flags } = ctx.build;
    const build = buildName(ctx.build);
    for (const issue of ctx.args.issues) {
      if (issue.kind === "unknown-flag") {
        const eq = issue.name.indexOf("=");
        const shortFlag = !issue.name.startsWith("--") && eq > 0 ? issue.name.slice(0, eq) : undefined;
        if (shortFlag && flags.find(shortFlag)) {
          ctx.report({
            messageId: "shortFlagInlineValue",
            data: { arg: quotedName(issue.name), flag: quotedName(shortFlag), value: excerpt(issue.name.slice(eq + 1)) },
            path: ["extraArgs", issue.index],
          });
          continue;
        }
        const hint = suggestFlag(flags, issue.name);
        const path = ["extraArgs", issue.index];
        if (hint) ctx.report({ messageId: "unknownFlagDidYouMean", data: { flag: quotedName(issue.name), suggestion: hint }, path });
        // A build past the data may have added it: say so, without blocking the commit.
        else if (ctx.build.status === "newer-than-data") ctx.report({ messageId: "unknownFlagNewerBuild", data: { flag: quotedName(issue.name), last: ctx.build.number, build }, path, severity: "warning" });
        else ctx.report({ messageId: "unknownFlag", data: { flag: quotedName(issue.name), build }, path });
      } else if (issue.kind === "later-flag") {
        ctx.report({ messageId: "laterFlag", data: { flag: issue.name, added: issue.added, build }, path: ["extraArgs", issue.index] });
      } else if (issue.kind === "unknown-env") {
        const hint = didYouMean(issue.name, flags.serverEnvNames);
        ctx.report({
          messageId: "unknownEnv",
          data: { name: nameText(issue.name), hint: hint ? ` — did you mean ${hint}?` : "" },
          path: ["extraEnv", issue.index, "name"],
        });
      } else if (issue.kind === "later-env") {
        ctx.report({ messageId: "laterEnv", data: { name: issue.name, added: issue.added, build }, path: ["extraEnv", issue.index, "name"] });
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
