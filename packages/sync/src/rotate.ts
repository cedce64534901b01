import { readFileSync, statSync } from "node:fs";
import { isMap, isScalar, type Node, type Pair } from "yaml";
import { findPair, type SourceFile } from "@llmchart/schema";

/** The pod annotation the seed bumps to make Argo CD roll the pods after a Secret changed. */
export const ROLLOUT_ANNOTATION = "config/refresh";

/** Why a values file cannot be edited: one line, with the position it is about (1-based). */
export class RotationRefused extends Error {
  override readonly name = "RotationRefused";
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** What rotating one file comes to: the whole new text (BOM and line endings as the file had them). */
export interface Rotation {
  status: "changed" | "unchanged";
  text: string;
}

/** Line breaks of YAML 1.2 and of Helm's YAML 1.1, and other characters an annotation value cannot hold on one line. */
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Why `value` cannot be an annotation value written by rotate, or undefined when it can. */
export function rotationValueProblem(value: string): string | undefined {
  return NOT_ONE_LINE.test(value) ? "--value must be one line of printable text (no line breaks or control characters)" : undefined;
}

/** Plain scalars Helm (YAML 1.1) would read as something other than the text. */
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

function keyText(key: string): string {
  return /^[A-Za-z][-A-Za-z0-9_./]*$/.test(key) && !YAML11_SPECIAL.test(key) ? key : JSON.stringify(key);
}

/**
 * Sets `podAnnotations[<key>]` to `value` by editing the text, never by re-serialising the
 * document: every byte but the ones for the new value stays (comments, quoting, order, CRLF line
 * endings). An existing value is replaced in place; a missing annotation becomes a new line after
 * the last entry of podAnnotations, with its indentation; a missing or null podAnnotations is
 * added. A podAnnotations that is not a mapping, or an annotation whose value is not a scalar, is
 * refused (RotationRefused) rather than replaced.
 */
export function rotateAnnotation(source: SourceFile, value: string, key = ROLLOUT_ANNOTATION): Rotation {
  const problem = rotationValueProblem(value);
  if (problem) throw new RotationRefused(problem, 1, 1);
  const edit = new TextEdit(source);
  const entry = `${keyText(key)}: ${JSON.stringify(value)}`;
  const root = source.doc.contents;
  if (root !== null && !(isMap(root) && !root.flow) && !(isScalar(root) && root.value === null)) {
    edit.refuse(root, "the values are not a block mapping, so rotate cannot add podAnnotations; nothing was changed");
  }
  const annotationsPair = isMap(root) ? findPair(root, "podAnnotations") : undefined;
  if (!annotationsPair) {
    // Appended as the last top-level key.
    const { text, eol } = edit;
    const sep = text === "" || text.endsWith("\n") ? "" : eol;
    return changed(`${text}${sep}podAnnotations:${eol}  ${entry}${eol}`);
  }
  // Typed as a node, but null for `? podAnnotations` with no value at all.
  const annotations: Node | null = annotationsPair.value;
  const keyNode = annotationsPair.key;
  const childIndent = " ".repeat(edit.column(keyNode.range?.[0] ?? 0) + 2);
  if (annotations === null || (isScalar(annotations) && annotations.value === null)) {
    return fillNullAnnotations(edit, annotations, keyNode, childIndent, entry);
  }
  if (!isMap(annotations)) {
    edit.refuse(annotations, `podAnnotations is ${isScalar(annotations) ? `the ${typeof annotations.value} ${JSON.stringify(String(annotations.value))}` : "a list"}, not a mapping; fix it by hand, rotate does not replace it; nothing was changed`);
  }
  const existing = findPair(annotations, key);
  if (existing) return replaceAnnotation(edit, existing, key, value);
  return appendAnnotation(edit, annotations as unknown as AnnotationsMap, childIndent, entry);
}

/** podAnnotations as rotate edits it: its entries, flow or block style, and its source range. */
interface AnnotationsMap {
  items: Pair[];
  flow?: boolean;
  range?: [number, number, number];
}

function changed(text: string): Rotation {
  return { status: "changed", text };
}

/** The text of a values file and the offsets rotate edits it at. */
class TextEdit {
  readonly text: string;
  /** The file's line break: CRLF when it has one anywhere. */
  readonly eol: string;
  constructor(private readonly source: SourceFile) {
    this.text = source.text;
    this.eol = this.text.includes("\r\n") ? "\r\n" : "\n";
  }

  /** Refuses the edit with the position of `node`. */
  refuse(node: { range?: readonly number[] | null } | null | undefined, message: string): never {
    const pos = this.source.lineCounter.linePos(node?.range?.[0] ?? 0);
    throw new RotationRefused(message, pos.line, pos.col);
  }

  insertAt(at: number, s: string): Rotation {
    return changed(this.text.slice(0, at) + s + this.text.slice(at));
  }

  replace(range: readonly number[], s: string): Rotation {
    return changed(this.text.slice(0, range[0]) + s + this.text.slice(range[1]));
  }

  /** Offset just past the line that holds `offset` (its line break included). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** The 0-based column of `offset` on its line. */
  column(offset: number): number {
    return offset - (this.text.lastIndexOf("\n", offset - 1) + 1);
  }

  /** Inserts `line` (indentation included) at the start of a line, with a break before it at the end of a file that has none. */
  insertLine(at: number, line: string): Rotation {
    const needsBreak = at === this.text.length && !this.text.endsWith("\n");
    return this.insertAt(at, `${needsBreak ? this.eol : ""}${line}${this.eol}`);
  }
}

/** A podAnnotations that is null (`null`, `~` or nothing at all) becomes a mapping with the one entry. */
function fillNullAnnotations(edit: TextEdit, annotations: Node | null, keyNode: Node, childIndent: string, entry: string): Rotation {
  const range = annotations?.range;
  if (range && range[1] > range[0]) {
    // `podAnnotations: null` or `~`: the mapping takes the place of the null.
    return edit.replace(range, `{ ${entry} }`);
  }
  // `podAnnotations:` with nothing (perhaps a comment) after it: the entry goes on the next line.
  return edit.insertLine(edit.lineEnd(keyNode.range?.[0] ?? 0), `${childIndent}${entry}`);
}

/** The annotation is there: its scalar value is replaced (or written after a bare colon). */
function replaceAnnotation(edit: TextEdit, existing: Pair<Node, Node | null>, key: string, value: string): Rotation {
  const node: Node | null = existing.value;
  if (node && !isScalar(node)) edit.refuse(node, `podAnnotations["${key}"] is not a scalar; fix it by hand, rotate does not replace it; nothing was changed`);
  if (isScalar(node) && node.value === value) return { status: "unchanged", text: edit.text };
  const quoted = JSON.stringify(value);
  const range = node?.range;
  if (range && range[1] > range[0]) return edit.replace(range, quoted);
  // `config/refresh:` with no value: right after the colon.
  const colon = edit.text.indexOf(":", existing.key.range?.[1] ?? 0);
  return edit.insertAt(colon + 1, ` ${quoted}`);
}

/** A new entry at the end of podAnnotations: before the `}` of a flow mapping, else on a line of its own with the entries' indentation. */
function appendAnnotation(edit: TextEdit, map: AnnotationsMap, childIndent: string, entry: string): Rotation {
  const { text } = edit;
  const range = map.range ?? [0, 0, 0];
  if (map.flow) {
    const close = text.lastIndexOf("}", range[1] - 1);
    let at = close;
    while (at > range[0] + 1 && /\s/.test(text[at - 1]!)) at--;
    return edit.insertAt(at, at === range[0] + 1 ? ` ${entry} ` : `, ${entry}`);
  }
  const first = map.items[0]?.key as Node | undefined;
  const indent = first?.range ? " ".repeat(edit.column(first.range[0])) : childIndent;
  // After the last entry's line (a trailing comment on it stays on it).
  const end = range[1];
  const at = end > 0 && text[end - 1] === "\n" ? end : edit.lineEnd(end);
  return edit.insertLine(at, `${indent}${entry}`);
}

/** What rotating a file on disk comes to, checked before anything is written. */
export interface FileRotation extends Rotation {
  /** Permission bits to write the file back with. */
  mode: number;
}

/**
 * rotateAnnotation for the file at `path` (parsed as `source`), with what the file itself
 * decides: a read-only file is refused (RotationRefused at 1:1), a byte order mark is kept, and
 * the mode to write it back with is returned. Reads only; the caller writes (atomically).
 */
export function rotateFile(path: string, source: SourceFile, value: string, key = ROLLOUT_ANNOTATION): FileRotation {
  const { mode } = statSync(path);
  if ((mode & 0o222) === 0) throw new RotationRefused("the file is read-only; make it writable first; nothing was changed", 1, 1);
  const bytes = readFileSync(path);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const r = rotateAnnotation(source, value, key);
  return { status: r.status, text: bom && !r.text.startsWith("\ufeff") ? `\ufeff${r.text}` : r.text, mode: mode & 0o7777 };
}

/**
 * Returns the text of `source` with `podAnnotations[<key>]` set to `value` (rotateAnnotation's
 * text; kept for callers that only need the text).
 */
export function bumpRolloutAnnotation(source: SourceFile, value: string, key = ROLLOUT_ANNOTATION): string {
  return rotateAnnotation(source, value, key).text;
}

/** A rotation stamp that sorts and reads well: `2026-11-27T10-15-00Z` (no colons, valid in any annotation). */
export function rotationStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
}
