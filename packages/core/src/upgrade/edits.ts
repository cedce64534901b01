import { findPair, locate, type PathSegment, type SourceFile } from "@llmchart/schema";
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from "yaml";

// Text edits on a values file or the config: only the characters of what changes are touched,
// so comments, quoting, key order, blank lines and line endings survive (as `lint --fix` does).

/** Replace `text[range[0]..range[1])` with `text`; an empty range inserts. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** Plain scalars Helm (YAML 1.1) reads as something other than the text: `on` would become `true`. */
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** `value` written as a YAML scalar in the style of `like` (double, single or plain quoting; plain when safe without one). */
export function scalarText(value: string, like: Node | undefined): string {
  // Without an item to copy (a new key), plain when that is safe.
  const type = isScalar(like) ? like.type : Scalar.PLAIN;
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  // A plain scalar stays plain only when every YAML version reads it back as this same string.
  if (type === Scalar.PLAIN && /^-{0,2}[A-Za-z][A-Za-z0-9_./+-]*$/.test(value) && !YAML11_SPECIAL.test(value)) return value;
  return JSON.stringify(value);
}

/** The edit that replaces a scalar node with `value`, in the node's own quoting. Undefined for block scalars and non-scalars. */
export function replaceScalar(node: Node | undefined, value: string): TextEdit | undefined {
  if (!isScalar(node) || !node.range || node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return undefined;
  return { range: [node.range[0], node.range[1]], text: scalarText(value, node) };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset just past the line holding `offset` (its line break included), or the end of the text. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}

function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * The edit that inserts `values` as new items right after item `index` of the sequence at
 * `seqPath`, each in the quoting of that item: in a block sequence a new `- value` line per
 * item below the item's line (its trailing comment stays on it), in a flow sequence `, value`
 * after the item. Undefined when the item is not a scalar on a line of its own.
 */
export function insertAfterItem(source: SourceFile, seqPath: readonly PathSegment[], index: number, values: readonly string[]): TextEdit | undefined {
  const seq = locate(source.doc, seqPath).node;
  if (!isSeq(seq)) return undefined;
  const item = seq.items[index] as Node | undefined;
  if (!isScalar(item) || !item.range) return undefined;
  const { text } = source;
  if (seq.flow) return { range: [item.range[1], item.range[1]], text: values.map((v) => `, ${scalarText(v, item)}`).join("") };
  const start = lineStart(text, item.range[0]);
  const prefix = text.slice(start, item.range[0]);
  // Only `  - item` lines: an item after another on the same line has no prefix to copy.
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const at = lineEnd(text, item.range[1]);
  const eol = eolOf(text);
  const lead = at === text.length && !text.endsWith("\n") ? eol : "";
  return { range: [at, at], text: lead + values.map((v) => `${prefix}${scalarText(v, item)}${eol}`).join("") };
}

/** The edit that appends `values` at the end of the sequence at `seqPath` (after its last item). */
export function appendItems(source: SourceFile, seqPath: readonly PathSegment[], values: readonly string[]): TextEdit | undefined {
  const seq = locate(source.doc, seqPath).node;
  if (!isSeq(seq) || seq.items.length === 0) return undefined;
  return insertAfterItem(source, seqPath, seq.items.length - 1, values);
}

/**
 * The edit that sets the scalar at `path` (a chain of block mappings) to `value`: replaced in
 * place when it exists; otherwise a `key: value` line added after the last entry of the deepest
 * mapping that exists, with the missing mappings as nested lines. Undefined when something on
 * the way is not a block mapping (a flow mapping, a list, a scalar), which is left to a person.
 */
export function setMapScalar(source: SourceFile, path: readonly string[], value: string): TextEdit | undefined {
  const { text, doc } = source;
  const root = doc.contents;
  // An empty document (only comments) takes the whole chain as new lines.
  if (root === null || (isScalar(root) && root.value === null)) return insertNested(source, undefined, 0, 0, path, value);
  let map: unknown = root;
  let column = 0;
  for (let depth = 0; depth < path.length; depth++) {
    if (!isMap(map)) return undefined;
    const pair = findPair(map, path[depth]!);
    // New lines go into block mappings only; a flow mapping is left to a person.
    if (!pair) return map.flow ? undefined : insertNested(source, map, depth, column, path, value);
    const key: Node = pair.key;
    column = key.range ? key.range[0] - lineStart(text, key.range[0]) : column;
    if (depth === path.length - 1) {
      const v: Node | null = pair.value;
      return isScalar(v) && v.range && v.range[1] > v.range[0] ? replaceScalar(v, value) : undefined;
    }
    map = pair.value;
  }
  return undefined;
}

function insertNested(source: SourceFile, map: YAMLMap | undefined, depth: number, parentColumn: number, path: readonly string[], value: string): TextEdit {
  const { text } = source;
  const eol = eolOf(text);
  const first = map?.items[0]?.key as Node | undefined;
  const indent = first?.range ? first.range[0] - lineStart(text, first.range[0]) : depth === 0 ? 0 : parentColumn + 2;
  const lines = path.slice(depth).map((key, i) => `${" ".repeat(indent + 2 * i)}${key}:${i === path.length - depth - 1 ? ` ${scalarText(value, undefined)}` : ""}`);
  // After the mapping's last entry (a trailing comment on it stays there), or at the end of the text.
  const end = map?.range ? map.range[1] : text.length;
  const at = end === text.length || (end > 0 && text[end - 1] === "\n") ? end : lineEnd(text, end);
  const lead = at > 0 && !text.slice(0, at).endsWith("\n") ? eol : "";
  return { range: [at, at], text: lead + lines.join(eol) + eol };
}

/**
 * Applies edits back to front. Insertions at the same offset keep their given order; an edit
 * that overlaps one already applied is an error in the caller and throws.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range[0] - a.e.range[0] || b.e.range[1] - a.e.range[1] || b.i - a.i);
  let out = text;
  let floor = Infinity;
  for (const { e } of ordered) {
    if (e.range[1] > floor) throw new Error(`overlapping edits at ${e.range[0]}`);
    out = out.slice(0, e.range[0]) + e.text + out.slice(e.range[1]);
    floor = e.range[0];
  }
  return out;
}
