import { valuesSchema, type PathSegment } from "@llmchart/schema";
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";

/** The innermost node under an offset: a map key, or a scalar value, with its values path. */
export interface NodeAt {
  path: PathSegment[];
  node: Node;
  /** True when the offset is on a map key (then `path` ends with that key). */
  isKey: boolean;
}

function contains(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[1];
}

/** Finds the key or scalar at `offset` (a position just after the last character still counts). */
export function nodeAt(doc: Document, offset: number): NodeAt | undefined {
  const walk = (node: unknown, path: PathSegment[]): NodeAt | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const name = isScalar(key) ? String(key.value) : undefined;
        if (name === undefined) continue;
        if (contains(key, offset)) return { path: [...path, name], node: key!, isKey: true };
        if (contains(pair.value as Node | null, offset)) return walk(pair.value, [...path, name]);
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node | null;
        if (contains(item, offset)) return walk(item, [...path, i]);
      }
      return undefined;
    }
    if (isScalar(node)) return { path, node, isKey: false };
    return undefined;
  };
  return walk(doc.contents, []);
}

type Schema = Record<string, unknown>;

function resolveRef(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let hops = 0; s && typeof s.$ref === "string" && hops < 10; hops++) {
    const m = /^#\/(definitions|\$defs)\/(.+)$/.exec(s.$ref);
    const defs = m ? (valuesSchema[m[1]!] as Record<string, Schema> | undefined) : undefined;
    const target = m && defs ? defs[m[2]!] : undefined;
    // A sibling description (next to $ref) describes this use, so it wins over the definition's.
    s = target ? { ...target, ...(s.description ? { description: s.description } : {}), $ref: undefined } : undefined;
  }
  return s;
}

function branches(s: Schema): Schema[] {
  return (["anyOf", "oneOf", "allOf"] as const).flatMap((k) => (Array.isArray(s[k]) ? (s[k] as Schema[]).map((b) => resolveRef(b)!).filter(Boolean) : []));
}

/** The values schema of a path (`["resources", "limits", "memory"]`), following `$ref`s and `anyOf` branches. */
export function schemaAt(path: readonly PathSegment[]): Schema | undefined {
  let s: Schema | undefined = valuesSchema;
  for (const seg of path) {
    s = resolveRef(s);
    if (!s) return undefined;
    const candidates = [s, ...branches(s)];
    let next: Schema | undefined;
    for (const c of candidates) {
      if (typeof seg === "number") next = (c.items as Schema | undefined) ?? next;
      else {
        const props = c.properties as Record<string, Schema> | undefined;
        next = props?.[seg] ?? (typeof c.additionalProperties === "object" ? (c.additionalProperties as Schema) : undefined) ?? next;
      }
      if (next) break;
    }
    s = next;
  }
  return resolveRef(s);
}

/** The keys a mapping at `path` may hold, with their schemas. */
export function schemaKeys(path: readonly PathSegment[]): [string, Schema][] {
  const s = schemaAt(path);
  if (!s) return [];
  const out = new Map<string, Schema>();
  for (const c of [s, ...branches(s)]) {
    for (const [k, v] of Object.entries((c.properties as Record<string, Schema> | undefined) ?? {})) if (!out.has(k)) out.set(k, resolveRef(v) ?? v);
    // Maps keyed by a name pattern (resource lists: `^(?:cpu|memory|…)$`) offer its literal alternatives.
    const pattern = (c.propertyNames as Schema | undefined)?.pattern;
    const alternatives = typeof pattern === "string" ? /^\^\(\?:(.*)\)\$$/.exec(pattern)?.[1]?.split("|") : undefined;
    const item = typeof c.additionalProperties === "object" ? resolveRef(c.additionalProperties as Schema) : undefined;
    for (const k of alternatives ?? []) if (/^[\w-]+$/.test(k) && !out.has(k)) out.set(k, item ?? {});
  }
  return [...out];
}

/** The value at a path of plain data. */
export function dataAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** One line of a YAML block structure: its indent and what it says, ignoring comments. */
interface Line {
  indent: number;
  /** Indent of the content after `- ` markers (`  - name: x` → 4). */
  body: number;
  key: string | undefined;
  dash: boolean;
}

function readLine(text: string): Line | undefined {
  const m = /^( *)((?:- +)*)(.*)$/.exec(text);
  if (!m) return undefined;
  const rest = m[3]!;
  if ((rest === "" && !m[2]) || rest.startsWith("#")) return undefined;
  const key = /^(["']?)([\w./-]+)\1\s*:(\s|$)/.exec(rest)?.[2];
  return { indent: m[1]!.length, body: m[1]!.length + m[2]!.length, key, dash: m[2]!.length > 0 };
}

/**
 * The block-structure path that encloses a position, from indentation alone. Completion runs
 * on half-typed documents that do not parse, so it cannot rely on the YAML tree. Sequence
 * items are given index 0: enough to find the schema of the items.
 */
export function enclosingPath(lines: readonly string[], line: number, column: number): PathSegment[] {
  const path: PathSegment[] = [];
  const current = readLine(lines[line]!.slice(0, column));
  let limit = current ? current.body : column;
  if (current?.dash) {
    path.unshift(0);
    limit = current.indent;
  }
  for (let i = line - 1; i >= 0 && limit > 0; i--) {
    const l = readLine(lines[i]!);
    if (!l) continue;
    if (l.key !== undefined && l.body < limit) {
      path.unshift(l.key);
      if (l.dash) path.unshift(0);
      limit = l.indent;
    } else if (l.dash && l.indent < limit && l.key === undefined) {
      limit = l.indent;
    } else if (l.dash && l.indent < limit) {
      path.unshift(0);
      limit = l.indent;
    }
  }
  return path;
}
