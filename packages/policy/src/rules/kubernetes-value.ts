import { pointerToSegments } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { kubernetesErrors, kubernetesSlots, valuesAt } from "../kubernetes-types.js";

function describe(keyword: string, message: string | undefined, params: Record<string, unknown>): string {
  if (keyword === "enum") return `must be one of ${((params.allowedValues as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
  if (keyword === "format" && params.format === "quantity") return `must be a Kubernetes quantity (e.g. "500m", "1Gi")`;
  return message ?? `fails ${keyword}`;
}

export default defineRule({
  id: "kubernetes-value",
  description: "Values of Kubernetes types hold what the Kubernetes API accepts: the enums (operator, procMount, …) and formats (quantities) the field definitions alone do not carry.",
  severity: "error",
  help: "Use one of the values Kubernetes accepts for the field (see the message), or a quantity such as 500m or 1Gi.",
  check(ctx) {
    for (const slot of kubernetesSlots) {
      for (const { path, value } of valuesAt(ctx.values, slot.path)) {
        if (!ctx.node(path)) continue; // only what the values file sets: the chart defaults are checked by the chart's tests
        const seen = new Set<string>();
        const errors = kubernetesErrors(slot.type, value);
        // A quantity is a string in quantity format or a number: its "must be number" branch adds nothing.
        const formatted = new Set(errors.filter((e) => e.keyword === "format").map((e) => e.instancePath));
        for (const err of errors) {
          if (err.keyword === "oneOf" || err.keyword === "anyOf" || (err.keyword === "type" && formatted.has(err.instancePath))) continue;
          const at = [...path, ...pointerToSegments(err.instancePath, value)];
          const text = describe(err.keyword, err.message, err.params);
          const key = `${at.join("\u0000")}:${text}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const shown = at.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i ? "." : ""}${s}`)).join("");
          ctx.report({ message: `${shown} ${text}: the Kubernetes API refuses the object`, path: at });
        }
      }
    }
  },
});
