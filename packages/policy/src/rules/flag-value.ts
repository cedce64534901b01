import { excerpt } from "@llmchart/schema";
import { defineRule, type RuleContext } from "../define-rule.js";
import type { PathLike } from "../types.js";
import { integerProblem } from "../flag-range.js";
import { displayNames } from "../flags.js";
import { judgesFlags, nameText, optionPath } from "../rule-utils.js";
import type { ArgIssue, ServerOption } from "../server-args.js";

type Messages = "missingValueBeforeFlag" | "missingValueAtEnd" | "valueForSwitch" | "invalidGpuLayers" | "notAWholeNumber" | "portOutOfRange" | "outOfIntRange" | "refusedInteger" | "notAChoice";

/** The item after a flag missing its value: a flag of the build in full (it names no secret), anything else as an excerpt. */
function shownNext(ctx: RuleContext<Messages>, next: string): string {
  const name = next.startsWith("--") && next.includes("=") ? next.slice(0, next.indexOf("=")) : next;
  return ctx.build.flags.find(name) && name === next ? JSON.stringify(next) : excerpt(next);
}

/** A flag missing its value, or a switch given one. */
function reportIssue(ctx: RuleContext<Messages>, issue: ArgIssue): void {
  if (issue.kind === "missing-value") {
    const hint = issue.spec.valueHint ? ` (${issue.spec.valueHint})` : "";
    const flag = nameText(issue.name);
    ctx.report({
      ...(issue.next !== undefined
        ? { messageId: "missingValueBeforeFlag", data: { flag, hint, next: shownNext(ctx, issue.next) } }
        : { messageId: "missingValueAtEnd", data: { flag, hint } }),
      path: ["extraArgs", issue.index],
    });
  } else if (issue.kind === "value-for-switch") {
    ctx.report({ messageId: "valueForSwitch", data: { flag: nameText(issue.name.split("=")[0]!) }, path: ["extraArgs", issue.index] });
  }
}

/** A value the build's parser rejects: not a whole number for an integer flag, not one of an enumerated flag's choices. */
function checkValue(ctx: RuleContext<Messages>, opt: ServerOption): void {
  if (opt.source === "chart" || opt.value === undefined || !opt.spec.takesValue) return;
  const v = opt.value.trim();
  const path = optionPath(opt) ?? "extraArgs";
  const label = opt.source === "env" ? `${nameText(opt.name)} (${displayNames(opt.spec)})` : nameText(opt.name);
  const value = excerpt(opt.value, opt.spec.env ?? opt.name);
  // From b7553 -ngl reads auto, all or a number (its default is stated as auto); before, a number only.
  if (opt.spec.names.includes("--gpu-layers") && opt.spec.default === "auto") {
    if (!/^(-?\d+|auto|all)$/.test(v)) ctx.report({ messageId: "invalidGpuLayers", data: { flag: label, value }, path });
  } else if (opt.spec.integer) {
    if (!/^-?\d+$/.test(v)) ctx.report({ messageId: "notAWholeNumber", data: { flag: label, value }, path });
    else if (reportRefusedInteger(ctx, opt, v, { flag: label, value, path })) return;
    else if (opt.spec.names.includes("--port") && (Number(v) < 1 || Number(v) > 65535)) ctx.report({ messageId: "portOutOfRange", data: { flag: label, port: v }, path });
  } else if (opt.spec.allowedValues && !opt.spec.allowedValues.includes(v.toLowerCase())) {
    ctx.report({ messageId: "notAChoice", data: { flag: label, choices: opt.spec.allowedValues.join(", "), value }, path });
  }
}

/** An integer the build's parser or the flag itself refuses (outside a C int, a negative context…); true when reported. */
function reportRefusedInteger(ctx: RuleContext<Messages>, opt: ServerOption, v: string, at: { flag: string; value: string; path: PathLike }): boolean {
  const problem = integerProblem(opt.spec, v, ctx.build);
  if (!problem) return false;
  const { flag, value, path } = at;
  if (problem.kind === "out-of-int-range") ctx.report({ messageId: "outOfIntRange", data: { flag, value }, path });
  else ctx.report({ messageId: "refusedInteger", data: { flag, value, why: problem.why }, path });
  return true;
}

export default defineRule<Messages>({
  id: "flag-value",
  description:
    "A server flag that needs a value has one, a switch has none, and integer or enumerated flags get a valid value (-c, -t, -np, --port, -fa on|off|auto, …), as the file's llama-server build reads them.",
  severity: "error",
  help: "Give the flag its value as the next extraArgs item, as a whole number for integer flags (\"-c\", \"4096\"), or one of the listed choices.",
  // {{flag}} is the flag as written, or the variable with the flags it stands for; {{value}} is quoted as JSON.
  messages: {
    missingValueBeforeFlag: "{{flag}} needs a value{{hint}} but is followed by {{next}}, which the server would swallow as its value: put the value right after it as its own item",
    missingValueAtEnd: "{{flag}} needs a value{{hint}} but is the last item: put the value right after it as its own item",
    valueForSwitch: "{{flag}} takes no value: write the switch alone (its negation, if any, turns it off)",
    invalidGpuLayers: "{{flag}} must be a whole number, auto or all, got {{value}}",
    notAWholeNumber: '{{flag}} must be a whole number, got {{value}}: the server stops with "invalid argument"',
    portOutOfRange: "{{flag}} must be a port between 1 and 65535, got {{port}}",
    outOfIntRange: '{{flag}} {{value}} does not fit the server\'s integer (-2147483648 to 2147483647): llama-server stops with "error while handling argument"',
    refusedInteger: "{{flag}} {{value}} is refused: {{why}}",
    notAChoice: "{{flag}} must be one of {{choices}}, got {{value}}",
  },
  check(ctx) {
    if (!judgesFlags(ctx.build)) return;
    for (const issue of ctx.args.issues) reportIssue(ctx, issue);
    for (const opt of [...ctx.args.options, ...ctx.args.env]) checkValue(ctx, opt);
  },
});
