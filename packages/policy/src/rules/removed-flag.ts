import { defineRule, type RuleContext } from "../define-rule.js";
import { displayNames, otherToolHint, removalNote, replacementOf } from "../flags.js";
import { adviceFor, envReplacement } from "../llama/standing.js";
import type { FlagSpec, FlagTable } from "../llama/types.js";
import { buildName, judgesFlags } from "../rule-utils.js";
import type { ArgIssue } from "../server-args.js";

type Rejected = Extract<ArgIssue, { kind: "removed-flag" | "removed-env" | "deprecated-flag" | "deprecated-env" }>;
type Messages =
  | "removedFlag"
  | "removedFlagNoReplacement"
  | "notAServerOption"
  | "deprecatedFlag"
  | "deprecatedFlagNoReplacement"
  | "removedEnv"
  | "removedEnvNoReplacement"
  | "deprecatedEnv"
  | "deprecatedEnvNoReplacement";

function isRejected(issue: ArgIssue): issue is Rejected {
  return issue.kind === "removed-flag" || issue.kind === "removed-env" || issue.kind === "deprecated-flag" || issue.kind === "deprecated-env";
}

/** An option of another tool that the build still registers (as opposed to a removed server option). */
function otherTool(spec: FlagSpec | undefined): spec is FlagSpec {
  return spec !== undefined && !spec.server && spec.status !== "removed";
}

/** " in b10875", or "" when the data does not say when. */
function sinceText(issue: Rejected): string {
  return "since" in issue && issue.since !== undefined ? ` in b${issue.since}` : "";
}

/** The flag a variable stands for, as written (`LLAMA_ARG_NO_MMAP` → `--no-mmap`), for the replacement of its negated form. */
function flagOfEnv(name: string, spec: FlagSpec | undefined): string {
  if (spec?.envNegated === name && spec.negatedNames[0]) return spec.negatedNames[0];
  return spec?.names.find((n) => n.startsWith("--")) ?? name;
}

/** What to use instead, as the file's build takes it; undefined when the build has nothing to offer. */
function insteadOf(flags: FlagTable, issue: Rejected): string | undefined {
  if (issue.kind === "removed-flag" || issue.kind === "deprecated-flag") {
    return adviceFor(flags, replacementOf(issue.name, issue.spec, issue.replacement)) ?? adviceFor(flags, removalNote(issue.name, issue.spec));
  }
  const replacement = replacementOf(flagOfEnv(issue.name, issue.spec), issue.spec, issue.replacement);
  return envReplacement(flags, replacement) ?? adviceFor(flags, replacement);
}

function reportFlag(ctx: RuleContext<Messages>, issue: Extract<Rejected, { kind: "removed-flag" | "deprecated-flag" }>, replacement: string | undefined): void {
  const build = buildName(ctx.build);
  const path = ["extraArgs", issue.index];
  if (issue.kind === "deprecated-flag") {
    const data = { flag: issue.name, build, ...(replacement ? { replacement } : {}) };
    ctx.report({ messageId: replacement ? "deprecatedFlag" : "deprecatedFlagNoReplacement", data, path, severity: "warning" });
  } else if (otherTool(issue.spec)) {
    ctx.report({ messageId: "notAServerOption", data: { flag: displayNames(issue.spec), hint: otherToolHint(issue.spec) }, path });
  } else {
    const data = { flag: issue.name, since: sinceText(issue), build, ...(replacement ? { replacement } : {}) };
    ctx.report({ messageId: replacement ? "removedFlag" : "removedFlagNoReplacement", data, path });
  }
}

function reportEnv(ctx: RuleContext<Messages>, issue: Extract<Rejected, { kind: "removed-env" | "deprecated-env" }>, replacement: string | undefined): void {
  const build = buildName(ctx.build);
  const path = ["extraEnv", issue.index, "name"];
  if (issue.kind === "deprecated-env") {
    const data = { name: issue.name, build, ...(replacement ? { replacement } : {}) };
    ctx.report({ messageId: replacement ? "deprecatedEnv" : "deprecatedEnvNoReplacement", data, path, severity: "warning" });
  } else if (replacement && !otherTool(issue.spec)) {
    ctx.report({ messageId: "removedEnv", data: { name: issue.name, since: sinceText(issue), build, replacement }, path });
  } else {
    ctx.report({ messageId: "removedEnvNoReplacement", data: { name: issue.name, build, hint: otherTool(issue.spec) ? otherToolHint(issue.spec) : "drop it" }, path });
  }
}

export default defineRule<Messages>({
  id: "removed-flag",
  description:
    "No flag (or LLAMA_ARG_* variable) that the file's llama-server build removed or never had (--mlock from b10875, -p, …); one the build only deprecates is a warning naming its replacement in that build.",
  severity: "error",
  help: "Use the replacement the message names (it exists in the file's build), or drop the flag.",
  messages: {
    removedFlag: "{{flag}} was removed from llama-server{{since}} (this file's build, {{build}}, rejects it and the pod crash-loops): use {{replacement}}",
    removedFlagNoReplacement: "{{flag}} was removed from llama-server{{since}} (this file's build, {{build}}, rejects it and the pod crash-loops): drop it",
    notAServerOption: '{{flag}} is not a llama-server option (the server exits with "invalid argument"): {{hint}}',
    deprecatedFlag: "{{flag}} is deprecated in {{build}} (still accepted, but later builds reject it): use {{replacement}}",
    deprecatedFlagNoReplacement: "{{flag}} is deprecated in {{build}} (still accepted, but later builds may reject it): drop it when you can",
    removedEnv: "{{name}} is no longer read{{since}} (this file's build is {{build}}), so it silently does nothing: use {{replacement}}",
    removedEnvNoReplacement: "{{name}} is not read by this file's build ({{build}}), so it silently does nothing ({{hint}})",
    deprecatedEnv: "{{name}} is deprecated in {{build}} (still read, but later builds ignore it): use {{replacement}}",
    deprecatedEnvNoReplacement: "{{name}} is deprecated in {{build}} (still read, but later builds may ignore it)",
  },
  check(ctx) {
    if (!judgesFlags(ctx.build)) return;
    for (const issue of ctx.args.issues) {
      if (!isRejected(issue)) continue;
      const replacement = insteadOf(ctx.build.flags, issue);
      if (issue.kind === "removed-flag" || issue.kind === "deprecated-flag") reportFlag(ctx, issue, replacement);
      else reportEnv(ctx, issue, replacement);
    }
  },
});
