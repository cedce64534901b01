import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Problem, Severity } from "./problem.js";

/**
 * A values file read and parsed once (conventions: "parse once"). Every stage gets the same
 * object: `doc` keeps each node's source range, `lineCounter` turns offsets into 1-based
 * line/column.
 */
export interface SourceFile {
  /** Path as shown to the user (relative to the working directory, `/`-separated). */
  path: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** A segment of a values path: a map key or a list index. */
export type PathSegment = string | number;

/** Upper bound on alias expansion when converting YAML to data ("billion laughs" guard). */
export const MAX_ALIAS_COUNT = 100;

/** Parses YAML text into a SourceFile. Never throws on bad YAML: errors stay in `doc.errors`. */
export function parseSource(path: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  return { path, text, doc, lineCounter };
}

/** A [start, end) offset range in the source text. */
export type Range = readonly [number, number];

/** The range of a node's own text (for collections: the whole block; for scalars: the value). */
export function nodeRange(node: Node | Pair | null | undefined): Range | undefined {
  if (!node) return undefined;
  if (isPair(node)) {
    const keyRange = nodeRange(node.key as Node);
    const valueRange = nodeRange(node.value as Node);
    if (keyRange && valueRange) return [keyRange[0], valueRange[1]];
    return keyRange ?? valueRange;
  }
  const r = (node as Node).range;
  if (!r) return undefined;
  return [r[0], r[1]];
}

/** A problem at `range` of `source`, with 1-based positions computed from the line counter. */
export function problemAt(
  source: SourceFile,
  range: Range | undefined,
  fields: { ruleId: string; severity: Severity; message: string; path: string },
): Problem {
  const [start, end] = range ?? [0, 0];
  const s = source.lineCounter.linePos(Math.min(start, source.text.length));
  const e = source.lineCounter.linePos(Math.min(Math.max(end, start), source.text.length));
  return {
    ruleId: fields.ruleId,
    severity: fields.severity,
    message: fields.message,
    file: source.path,
    line: s.line,
    column: s.col,
    endLine: e.line,
    endColumn: e.col,
    path: fields.path,
  };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Formats path segments as a dotted values path: `resources.limits.cpu`, `extraArgs[3]`, `podAnnotations["config/refresh"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function scalarKey(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  if (k === null || k === undefined) return undefined;
  return typeof k === "object" ? undefined : String(k);
}

/** The pair of `map` whose key equals `key`, if `map` is a YAML mapping. */
export function findPair(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (scalarKey(item) === key) return item as Pair<Node, Node>;
  }
  return undefined;
}

/** Where a values path lands in a document. */
export interface Located {
  /** The node at the full path, when it exists. */
  node?: Node;
  /** The key node of the last segment, when the path ends in a map entry. */
  keyNode?: Node;
  /** The deepest node found along the path (the document root at worst). */
  nearest: Node | undefined;
  /** The key node of the deepest map entry found along the path. */
  nearestKey?: Node;
  /** How many leading segments were found. */
  depth: number;
}

/**
 * Follows `segments` through the YAML nodes of `doc`. Unlike `doc.getIn` it also reports the
 * deepest node it reached, so a problem about a missing value can point at its parent.
 */
export function locate(doc: Document, segments: readonly PathSegment[]): Located {
  let current: unknown = doc.contents;
  let nearestKey: Node | undefined;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const seg of segments) {
    let next: unknown;
    keyNode = undefined;
    if (isMap(current)) {
      const pair = findPair(current, String(seg));
      if (pair) {
        next = pair.value;
        keyNode = pair.key ?? undefined;
      }
    } else if (isSeq(current) && typeof seg === "number") {
      next = current.items[seg];
    }
    if (next === undefined || next === null) {
      // `key:` with no value parses as a null scalar node, which is still a node.
      if (keyNode) return { keyNode, nearest: current as Node, nearestKey: keyNode, depth: depth + 1 };
      return { nearest: current as Node, nearestKey, depth };
    }
    current = next;
    if (keyNode) nearestKey = keyNode;
    depth++;
  }
  return { node: current as Node, keyNode, nearest: current as Node, nearestKey, depth };
}

/** Converts a JSON pointer (`/extraArgs/3`, `/podAnnotations/config~1refresh`) into segments, using `data` to tell list indices from keys. */
export function pointerToSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === "") return [];
  const raw = pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const out: PathSegment[] = [];
  let cur: unknown = data;
  for (const part of raw) {
    if (Array.isArray(cur)) {
      const i = Number(part);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(part);
      cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[part] : undefined;
    }
  }
  return out;
}
