import { formatPath, valuesSchemaErrors, type PathSegment } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";

function setIn(data: unknown, path: readonly PathSegment[], value: unknown): void {
  let cur = data as Record<string | number, unknown> | undefined;
  for (const seg of path.slice(0, -1)) {
    const next = cur?.[seg];
    if (next === null || typeof next !== "object") return;
    cur = next as Record<string | number, unknown>;
  }
  if (cur) cur[path[path.length - 1]!] = value;
}

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]) => a.length === b.length && a.every((s, i) => s === b[i]);

export default defineRule({
  id: "null-without-default",
  description: "A null in a values file only deletes a chart default; where the chart has none, Helm keeps the null and the chart's values.schema.json rejects it.",
  severity: "error",
  help: "Remove the key (there is no chart default for the null to delete), or give it a value.",
  messages: {
    keptNull: "{{path}} is null, but the chart has no default for it to delete: Helm keeps the null and values.schema.json rejects it ({{error}}) — remove the key or give it a value",
  },
  check(ctx) {
    if (!ctx.keptNulls.length) return;
    // The merged values as Helm validates them: the effective values with the kept nulls put back.
    const data = structuredClone(ctx.values) as unknown;
    for (const path of ctx.keptNulls) setIn(data, path, null);
    const errors = valuesSchemaErrors(data);
    for (const path of ctx.keptNulls) {
      const error = errors.find((e) => samePath(e.path, path));
      if (!error) continue; // the schema accepts a null there
      const origin = ctx.origin(path);
      const node = origin.kind === "deleted" ? (origin.keyNode ?? origin.node) : undefined;
      ctx.report({
        messageId: "keptNull",
        data: { path: formatPath(path), error: error.message },
        path: [...path],
        ...(node ? { node } : {}),
      });
    }
  },
});
