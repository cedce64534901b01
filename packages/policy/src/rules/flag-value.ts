import { excerpt } from "@llmchart/schema";
import { defineRule, type RuleContext } from "../define-rule.js";
import { integerProblem } from "../flag-range.js";
import { allowedValues, displayNames, isIntegerFlag } from "../flags.js";
import { nameText, optionPath } from "../rule-utils.js";
import type { ServerOption } from "../server-args.js";
import { FLAGS_BUILD, parseLlamaCppTag } from "./image-reference.js";

export default defineRule({
  id: "flag-value",
  description: "A server flag that needs a value has one, a switch has none, and integer or enumerated flags get a valid value (-c, -t, -np, --port, -fa on|off|auto, …).",
  severity: "error",
  help: "Give the flag its value as the next extraArgs item, as a whole number for integer flags (\"-c\", \"4096\"), or one of the listed choices.",
  // {{flag}} is the flag as written, or the variable with the flags it stands for; {{value}} and {{next}} are excerpts (quoted, escaped, cut).
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
    for (const issue of ctx.args.issues) {
      if (issue.kind === "missing-value") {
        const hint = issue.spec.valueHint ? ` (${issue.spec.valueHint})` : "";
        const flag = nameText(issue.name);
        ctx.report({
          ...(issue.next !== undefined
            ? { messageId: "missingValueBeforeFlag", data: { flag, hint, next: excerpt(issue.next) } }
            : { messageId: "missingValueAtEnd", data: { flag, hint } }),
          path: ["extraArgs", issue.index],
        });
      } else if (issue.kind === "value-for-switch") {
        ctx.report({
          messageId: "valueForSwitch",
          data: { flag: nameText(issue.name.split("=")[0]!) },
          path: ["extraArgs", issue.index],
        });
      }
    }
    // The build the file's image runs: what integer values its parser refuses depends on it.
    const build = parseLlamaCppTag(ctx.text("image.tag") ?? "")?.build ?? FLAGS_BUILD;
    for (const opt of [...ctx.args.options, ...ctx.args.env]) {
      if (opt.source === "chart" || opt.value === undefined || !opt.spec.takesValue) continue;
      checkValue(ctx, opt, opt.value, build);
    }
  },

});

/** The value of one option: an integer, a port, a choice, or -ngl's N | auto | all. */
function checkValue(ctx: RuleContext, opt: ServerOption, raw: string, build: number): void {
  const v = raw.trim();
  const path = optionPath(opt) ?? "extraArgs";
  const flag = opt.source === "env" ? `${nameText(opt.name)} (${displayNames(opt.spec)})` : nameText(opt.name);
  const value = excerpt(raw, opt.spec.env ?? opt.name);
  if (opt.spec.names.includes("--gpu-layers")) {
    if (!/^(-?\d+|auto|all)$/.test(v)) ctx.report({ messageId: "invalidGpuLayers", data: { flag, value }, path });
    return;
  }
  if (isIntegerFlag(opt.spec)) {
    if (!/^-?\d+$/.test(v)) {
      ctx.report({ messageId: "notAWholeNumber", data: { flag, value }, path });
      return;
    }
    const problem = integerProblem(opt.spec, v, build);
    if (problem?.kind === "out-of-int-range") ctx.report({ messageId: "outOfIntRange", data: { flag, value }, path });
    else if (problem) ctx.report({ messageId: "refusedInteger", data: { flag, value, why: problem.why }, path });
    else if (opt.spec.names.includes("--port") && (Number(v) < 1 || Number(v) > 65535)) ctx.report({ messageId: "portOutOfRange", data: { flag, port: v }, path });
    return;
  }
  const allowed = allowedValues(opt.spec);
  if (allowed && !allowed.includes(v.toLowerCase())) ctx.report({ messageId: "notAChoice", data: { flag, choices: allowed.join(", "), value }, path });
}
