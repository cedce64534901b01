import { locate, toData, type PathSegment, type SourceFile } from "@llmchart/schema";
import type { Node } from "yaml";

/** A values document: a parsed file (with node positions) or plain data. */
export type ValuesInput = SourceFile | Record<string, unknown>;

/** Where an effective value comes from, and which node of the values file to point at. */
export type ValueOrigin =
  /** Set by the values file; `node` is the value, `keyNode` its key when it is a map entry. */
  | { kind: "values"; node?: Node; keyNode?: Node }
  /** The values file sets this path (or a parent) to `null`, which removes the chart default. */
  | { kind: "deleted"; node?: Node; keyNode?: Node }
  /** Comes from the chart's values.yaml; `nearest`/`nearestKey` are the closest nodes in the values file. */
  | { kind: "default"; nearest?: Node; nearestKey?: Node }
  /** Neither file sets it. */
  | { kind: "unset"; nearest?: Node; nearestKey?: Node };

/** Chart defaults and a values file merged as Helm merges them, with each value's provenance. */
export interface MergedValues {
  /** The effective values (no nulls left). */
  data: Record<string, unknown>;
  /** The values file itself, nulls included. */
  overrides: Record<string, unknown>;
  /** Where the value at `path` comes from. */
  originOf(path: readonly PathSegment[]): ValueOrigin;
  /**
   * Paths the values file sets to `null` where there is no chart default to delete: Helm keeps
   * these nulls in the merged values (and values.schema.json then judges them), unlike `data`.
   */
  keptNulls: PathSegment[][];
}

function isTable(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isSource(v: ValuesInput): v is SourceFile {
  return typeof (v as SourceFile).text === "string" && typeof (v as SourceFile).doc === "object" && (v as SourceFile).lineCounter !== undefined;
}

function dataOf(input: ValuesInput | undefined): Record<string, unknown> {
  if (!input) return {};
  if (!isSource(input)) return input;
  const read = toData(input);
  return read.ok && isTable(read.data) ? read.data : {};
}

function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
    return out;
  }
  return v;
}

/**
 * Helm's coalescing (`pkg/chartutil/coalesce.go`) of a values file over the chart defaults:
 * maps merge key by key, the values file wins for anything that is not a map on both sides
 * (so lists are replaced whole, never concatenated), and a key set to `null` removes the
 * default. A map over a scalar (or the reverse) keeps the values file's side, as Helm does
 * after printing a warning.
 */
function coalesce(user: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...user };
  for (const [key, def] of Object.entries(defaults)) {
    if (!(key in user)) out[key] = def;
    else if (user[key] === null) delete out[key];
    else if (isTable(def) && isTable(user[key])) out[key] = coalesce(user[key] as Record<string, unknown>, def);
  }
  return out;
}

function allNulls(v: unknown, path: PathSegment[], out: PathSegment[][]): void {
  if (v === null) out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => allNulls(x, [...path, i], out));
  else if (isTable(v)) for (const [k, x] of Object.entries(v)) allNulls(x, [...path, k], out);
}

/**
 * The nulls `coalesce` does not delete: Helm only deletes a null key that the chart defaults
 * have (in a map that is a map on both sides); nulls anywhere else, including inside lists,
 * reach the merged values.
 */
function nullsKept(user: Record<string, unknown>, defaults: Record<string, unknown>, path: PathSegment[], out: PathSegment[][]): void {
  for (const [key, v] of Object.entries(user)) {
    const at = [...path, key];
    const def = Object.prototype.hasOwnProperty.call(defaults, key) ? defaults[key] : undefined;
    if (v === null) {
      if (!Object.prototype.hasOwnProperty.call(defaults, key)) out.push(at);
    } else if (isTable(v) && isTable(def)) nullsKept(v, def, at, out);
    else allNulls(v, at, out);
  }
}

function has(data: unknown, path: readonly PathSegment[]): boolean {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return false;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return false;
    cur = (cur as Record<string | number, unknown>)[seg];
    if (cur === null || cur === undefined) return false;
  }
  return true;
}

/**
 * Merges a values file over chart defaults exactly as `helm install -f values.yaml` does,
 * and tells, for any path, whether the effective value was set by the values file, comes
 * from the chart default, was removed with `null`, or is unset — with the values-file node
 * to point a problem at (the value itself, or the closest existing parent).
 */
export function mergeValues(defaults: ValuesInput | undefined, overrides: ValuesInput): MergedValues {
  const userData = dataOf(overrides);
  const defaultData = dataOf(defaults);
  const data = stripNulls(coalesce(userData, defaultData)) as Record<string, unknown>;
  const doc = isSource(overrides) ? overrides.doc : undefined;

  const originOf = (path: readonly PathSegment[]): ValueOrigin => {
    const loc = doc ? locate(doc, path) : undefined;
    const nodes = loc ? { nearest: loc.nearest, nearestKey: loc.nearestKey } : {};
    let cur: unknown = userData;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const present = cur !== null && typeof cur === "object" && Object.prototype.hasOwnProperty.call(cur, seg);
      if (!present) return has(data, path) ? { kind: "default", ...nodes } : { kind: "unset", ...nodes };
      cur = (cur as Record<string | number, unknown>)[seg];
      if (cur === null || cur === undefined) {
        const at = doc ? locate(doc, path.slice(0, i + 1)) : undefined;
        return { kind: "deleted", ...(at?.node ? { node: at.node } : {}), ...(at?.keyNode ? { keyNode: at.keyNode } : {}) };
      }
    }
    return { kind: "values", ...(loc?.node ? { node: loc.node } : {}), ...(loc?.keyNode ? { keyNode: loc.keyNode } : {}) };
  };

  const keptNulls: PathSegment[][] = [];
  nullsKept(userData, defaultData, [], keptNulls);
  return { data, overrides: userData, originOf, keptNulls };
}
