import type { Fix, Problem, SourceFile } from "@llmchart/schema";
import { isCollection, isScalar, parseDocument, Scalar, visit, type Node } from "yaml";

function isFlowContext(source: SourceFile, target: Node): boolean {
  let flow = false;
  visit(source.doc, {
    Collection(_key, node) {
      if (node.flow && node.range && target.range && node.range[0] <= target.range[0] && target.range[1] <= node.range[1]) flow = true;
    },
  });
  return flow;
}

/** Whether `text` written plain reads back as exactly `value` (as a string, or a number with the same spelling). */
function plainReadsBack(text: string, value: string, flow: boolean): boolean {
  if (text === "" || /[\n\r]/.test(text)) return false;
  const doc = parseDocument(flow ? `[${text}]` : `- ${text}\n`);
  if (doc.errors.length || doc.warnings.length) return false;
  const seq = doc.contents;
  if (!isCollection(seq) || seq.items.length !== 1) return false;
  const item = seq.items[0];
  if (!isScalar(item)) return false;
  const v = item.value;
  return (typeof v === "string" && v === value) || (typeof v === "number" && String(v) === value);
}

function doubleQuoted(value: string): string {
  // JSON string escapes are valid YAML double-quoted escapes.
  return JSON.stringify(value);
}

/**
 * The text edit that replaces a scalar with `value`, in the scalar's own quoting style: plain
 * stays plain when it reads back as the same value (else becomes "double"), 'single' and
 * "double" keep their quotes. Only the scalar's own characters change, so a trailing comment,
 * indentation and the surrounding order survive. Block scalars (`|`, `>`) get no fix.
 */
export function scalarFix(source: SourceFile, node: Node, value: string): Fix | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  let text: string;
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
      text = `'${value.replace(/'/g, "''")}'`;
      break;
    case Scalar.QUOTE_DOUBLE:
      text = doubleQuoted(value);
      break;
    case Scalar.PLAIN:
      text = plainReadsBack(value, value, isFlowContext(source, node)) ? value : doubleQuoted(value);
      break;
    default:
      return undefined;
  }
  return { range: [start, end], text };
}

/**
 * Applies the fixes of `problems` that belong to `source` and returns the new text. Fixes are
 * applied back to front; one that overlaps an earlier-chosen fix is skipped (the next lint
 * pass picks it up again). Problems of other files are ignored.
 */
export function applyFixes(source: SourceFile, problems: readonly Problem[]): string {
  return applyFixesDetailed(source, problems).text;
}

/** What applyFixes did: the new text and the problems whose fixes it applied, in file order. */
export function applyFixesDetailed(source: SourceFile, problems: readonly Problem[]): { text: string; applied: Problem[] } {
  const candidates = problems
    .filter((p) => p.file === source.path && p.fix)
    .sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  const chosen: Problem[] = [];
  let lastEnd = -1;
  for (const p of candidates) {
    const f = p.fix!;
    if (f.range[0] < lastEnd) continue;
    const prev = chosen[chosen.length - 1]?.fix;
    if (prev && prev.range[0] === f.range[0] && f.range[0] === f.range[1]) continue;
    chosen.push(p);
    lastEnd = f.range[1];
  }
  let text = source.text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const f = chosen[i]!.fix!;
    text = text.slice(0, f.range[0]) + f.text + text.slice(f.range[1]);
  }
  return { text, applied: chosen };
}
