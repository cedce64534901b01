import type { DiffResult } from "../types.js";
import type { Risk } from "../risks.js";

/** One element of the `json` output (a contract, like the problem shape). */
export interface JsonDiffEntry {
  model: string;
  kind: string;
  name: string;
  change: "added" | "removed" | "changed";
  /** `before`/`after` are `null` where the field is absent on that side. */
  fields: { path: string; before: unknown; after: unknown }[];
  risks: Risk[];
  /** Present for an object Argo CD runs as a hook (see ObjectDiff.hook). */
  hook?: string;
}

export function toJsonEntries(result: DiffResult): JsonDiffEntry[] {
  return result.models.flatMap((m) =>
    m.objects.map((o) => ({
      model: m.model,
      kind: o.kind,
      name: o.name,
      change: o.change,
      fields: o.fields.map((f) => ({ path: f.path, before: f.before === undefined ? null : f.before, after: f.after === undefined ? null : f.after })),
      risks: o.risks.map((r) => ({ id: r.id, severity: r.severity, message: r.message })),
      ...(o.hook ? { hook: o.hook } : {}),
    })),
  );
}

/** Exactly one JSON array, one entry per changed object. Models helm could not render are not in it (see diffErrors). */
export function formatJson(result: DiffResult): string {
  return `${JSON.stringify(toJsonEntries(result), null, 2)}\n`;
}
