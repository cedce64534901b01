import { HIDDEN_CREDENTIAL, looksLikeCredential } from "@llmchart/schema";
import { parseAllDocuments } from "yaml";

/** How many field changes one adopted file lists. */
const MAX_CHANGES = 12;

/** A value as one short line for a change list; never one that looks like a credential. */
function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  if (looksLikeCredential(text)) return HIDDEN_CREDENTIAL;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Field-level differences between two plain values: `path: before → after`, in key order. */
export function dataChanges(before: unknown, after: unknown, path = ""): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => dataChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => dataChanges(b, after[i], `${path}[${i}]`));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [`${path || "(document)"}: ${show(before)} → ${show(after)}`];
}

function yamlData(text: string): unknown[] | undefined {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
    return docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * What replacing `before` with `after` changes, semantically: for YAML data (Applications, values)
 * the fields that differ, key order and comments aside; for other files (templates) how many
 * lines differ. Shown before a hand-written file is taken over.
 */
export function describeReplacement(path: string, before: string, after: string): string[] {
  if (/\.ya?ml$/i.test(path) && !path.includes("/templates/")) {
    const a = yamlData(before);
    const b = yamlData(after);
    if (a && b) {
      const changes = a.length === b.length ? a.flatMap((d, i) => dataChanges(d, b[i])) : [`${a.length} document(s) → ${b.length}`];
      if (!changes.length) return ["no change in content (comments and formatting only)"];
      // A whole chart values.yaml differs in dozens of keys: the first ones and a count say enough.
      return changes.length > MAX_CHANGES ? [...changes.slice(0, MAX_CHANGES - 1), `… and ${changes.length - MAX_CHANGES + 1} more fields`] : changes;
    }
  }
  const x = before.split("\n");
  const y = after.split("\n");
  let same = 0;
  const seen = new Set(x);
  for (const line of y) if (seen.has(line)) same++;
  return [`content replaced: ${x.length} lines → ${y.length} lines, ${y.length - same} new or changed`];
}
