import { defineRule } from "../define-rule.js";
import { allowedValues, displayNames, isIntegerFlag } from "../flags.js";
import { optionPath } from "../rule-utils.js";

export default defineRule({
  id: "flag-value",
  description: "A server flag that needs a value has one, a switch has none, and integer or enumerated flags get a valid value (-c, -t, -np, --port, -fa on|off|auto, …).",
  severity: "error",
  help: "Give the flag its value as the next extraArgs item, as a whole number for integer flags (\"-c\", \"4096\"), or one of the listed choices.",
  check(ctx) {
    for (const issue of ctx.args.issues) {
      if (issue.kind === "missing-value") {
        const hint = issue.spec.valueHint ? ` (${issue.spec.valueHint})` : "";
        const why = issue.next !== undefined
          ? `is followed by ${issue.next}, which the server would swallow as its value`
          : "is the last item";
        ctx.report({
          message: `${issue.name} needs a value${hint} but ${why}: put the value right after it as its own item`,
          path: ["extraArgs", issue.index],
        });
      } else if (issue.kind === "value-for-switch") {
        ctx.report({
          message: `${issue.name.split("=")[0]} takes no value: write the switch alone (its negation, if any, turns it off)`,
          path: ["extraArgs", issue.index],
        });
      }
    }
    for (const opt of [...ctx.args.options, ...ctx.args.env]) {
      if (opt.source === "chart" || opt.value === undefined || !opt.spec.takesValue) continue;
      const v = opt.value.trim();
      const path = optionPath(opt) ?? "extraArgs";
      const label = opt.source === "env" ? `${opt.name} (${displayNames(opt.spec)})` : opt.name;
      if (opt.spec.names.includes("--gpu-layers")) {
        if (!/^(-?\d+|auto|all)$/.test(v)) ctx.report({ message: `${label} must be a whole number, auto or all, got ${JSON.stringify(opt.value)}`, path });
        continue;
      }
      if (isIntegerFlag(opt.spec)) {
        if (!/^-?\d+$/.test(v)) {
          ctx.report({ message: `${label} must be a whole number, got ${JSON.stringify(opt.value)}: the server stops with "invalid argument"`, path });
        } else if (opt.spec.names.includes("--port") && (Number(v) < 1 || Number(v) > 65535)) {
          ctx.report({ message: `${label} must be a port between 1 and 65535, got ${v}`, path });
        }
        continue;
      }
      const allowed = allowedValues(opt.spec);
      if (allowed && !allowed.includes(v.toLowerCase())) {
        ctx.report({ message: `${label} must be one of ${allowed.join(", ")}, got ${JSON.stringify(opt.value)}`, path });
      }
    }
  },
});
