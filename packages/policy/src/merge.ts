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

/** A chart default without its nulls, made once per default object and frozen: merged values share it. */
const strippedDefaults = new WeakMap<object, unknown>();

function strippedDefault(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  let out = strippedDefaults.get(v);
  if (out === undefined) {
    out = freezeStripped(v);
    strippedDefaults.set(v, out);
  }
  return out;
}

function freezeStripped(v: unknown): unknown {
  if (Array.isArray(v)) return Object.freeze(v.map(freezeStripped));
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = freezeStripped(x);
    return Object.freeze(out);
  }
  return v;
}

/**
 * A value of the values file without its nulls (Helm drops them from maps), and the nulls Helm
 * keeps recorded in `kept`: every null below a value the chart has no map for, lists included.
 * `path` is a stack, copied only for a null.
 */
function stripUser(v: unknown, path: PathSegment[], kept: PathSegment[][]): unknown {
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      path.push(i);
      if (x === null) kept.push([...path]);
      const out = stripUser(x, path, kept);
      path.pop();
      return out;
    });
  }
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      path.push(k);
      if (x === null) kept.push([...path]);
      else if (x !== undefined) out[k] = stripUser(x, path, kept);
      path.pop();
    }
    return out;
  }
  return v;
}

/**
 * Helm's coalescing (`pkg/chartutil/coalesce.go`) of a values file over the chart defaults:
 * maps merge key by key, the values file wins for anything that is not a map on both sides
 * (so lists are replaced whole, never concatenated), and a key set to `null` removes the
 * default. A map over a scalar (or the reverse) keeps the values file's side, as Helm does
 * after printing a warning. The result has no nulls; the nulls Helm keeps in the merged values
 * (a null key the defaults do not have, nulls inside lists) are recorded in `kept`. Parts only the
 * defaults set are shared, frozen, between every file merged over them: nothing is copied per file.
 */
function coalesce(user: Record<string, unknown>, defaults: Record<string, unknown>, path: PathSegment[], kept: PathSegment[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(user)) {
    const hasDefault = Object.prototype.hasOwnProperty.call(defaults, key);
    path.push(key);
    if (v === null) {
      if (!hasDefault) kept.push([...path]);
    } else if (v !== undefined) {
      const def = hasDefault ? defaults[key] : undefined;
      out[key] = isTable(v) && isTable(def) ? coalesce(v, def, path, kept) : stripUser(v, path, kept);
    }
    path.pop();
  }
  for (const [key, def] of Object.entries(defaults)) {
    if (!Object.prototype.hasOwnProperty.call(user, key) && def !== null && def !== undefined) out[key] = strippedDefault(def);
  }
  return out;
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
  const keptNulls: PathSegment[][] = [];
  const data = coalesce(userData, defaultData, [], keptNulls);
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

  return { data, overrides: userData, originOf, keptNulls };
}
