import { createHash } from "node:crypto";
import { formatManifestPath, looksLikeCredential } from "@llmchart/schema";
import microdiff from "microdiff";
import type { K8sObject } from "./objects.js";

/** One changed field of an object. An absent `before` means added, an absent `after` removed. */
export interface FieldChange {
  /**
   * Where, e.g. `spec.template.spec.containers[name=server].args[3]` or
   * `metadata.labels["helm.sh/chart"]`: keys that are not plain identifiers are quoted,
   * list items with a unique `name` are addressed by it (`[name=server]`), others by index.
   */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** What is masked in the output (never the comparison): shown as this. */
export const MASK = "***";
const MASK_PREFIX = "\u0000masked:";

/** Env names whose values are secrets: anything that looks like a token, a key, a password. */
export const SENSITIVE_NAME = /token|secret|passw|pwd|credential|auth|key/i;
/** Server flags whose value is a secret (`--api-key X`, `--api-key=X`, `-hft X`). */
const SENSITIVE_FLAGS = new Set(["--api-key", "--hf-token", "-hft"]);

function masked(value: unknown): string {
  // A digest keeps "changed" detectable; it never leaves this module (only MASK is shown).
  return MASK_PREFIX + createHash("sha256").update(JSON.stringify(value) ?? "").digest("hex");
}

/** Item key of a list whose items all have a distinct string `name`: containers, env, volumes, ports. */
const NAMED = "\u0001";

/**
 * The object prepared for comparison: secrets replaced by digests, and lists of uniquely named
 * items turned into maps keyed by name (so inserting a container or an env variable is one
 * addition, not a shift of every later index).
 */
function prepare(value: unknown, parentKey: string | undefined, secretData: boolean): unknown {
  if (Array.isArray(value)) {
    const names = value.map((v) => (v && typeof v === "object" && !Array.isArray(v) && typeof (v as { name?: unknown }).name === "string" ? (v as { name: string }).name : undefined));
    const items = value.map((v) => prepare(v, undefined, false));
    if (parentKey === "args" || parentKey === "command") {
      for (let i = 0; i < items.length; i++) {
        const a = items[i];
        if (typeof a !== "string") continue;
        const eq = a.indexOf("=");
        if (eq > 0 && SENSITIVE_FLAGS.has(a.slice(0, eq))) items[i] = `${a.slice(0, eq + 1)}${masked(a.slice(eq + 1))}`;
        else if (SENSITIVE_FLAGS.has(a) && i + 1 < items.length) items[i + 1] = masked(items[i + 1]);
      }
    }
    if (parentKey === "env") {
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as Record<string, unknown> | undefined;
        if (names[i] !== undefined && SENSITIVE_NAME.test(names[i]!) && item && "value" in item) items[i] = { ...item, value: masked(item.value) };
      }
    }
    if (value.length > 0 && names.every((n) => n !== undefined) && new Set(names).size === names.length) {
      return Object.fromEntries(items.map((item, i) => [NAMED + names[i], item]));
    }
    return items;
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = secretData ? masked(v) : prepare(v, k, false);
    }
    return out;
  }
  // A value that looks like a credential wherever it sits (an annotation, an arg): masked like a Secret's data.
  if (typeof value === "string" && looksLikeCredential(value)) return masked(value);
  return value;
}

function prepareObject(o: K8sObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o.data)) out[k] = prepare(v, k, o.kind === "Secret" && (k === "data" || k === "stringData"));
  return out;
}

/** A path (keys, indexes, named items) as shown to people and matched by ignore patterns: schema's manifest path, with this module's named-item keys as named items. */
export function formatPath(segments: readonly (string | number)[]): string {
  return formatManifestPath(segments.map((s) => (typeof s === "string" && s.startsWith(NAMED) ? { name: s.slice(NAMED.length) } : s)));
}

/** Named maps back to lists and digests to MASK: what the output shows. */
function present(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith(MASK_PREFIX) ? MASK : value.replace(/\u0000masked:[0-9a-f]{64}/g, MASK);
  if (Array.isArray(value)) return value.map(present);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length && entries.every(([k]) => k.startsWith(NAMED))) return entries.map(([, v]) => present(v));
    return Object.fromEntries(entries.map(([k, v]) => [k, present(v)]));
  }
  return value;
}

/**
 * An ignore pattern: `[<Kind>:]<path>`, where `*` matches within one key (no `.` or `[`) and `**`
 * anything. It ignores the path and everything below it: `metadata.annotations`,
 * `Deployment:spec.template.metadata.annotations["config/*"]`.
 */
export interface IgnoreMatcher {
  (kind: string, path: string): boolean;
}

export function compileIgnore(patterns: readonly string[]): IgnoreMatcher {
  const compiled = patterns.map((p) => {
    const m = /^([A-Za-z][A-Za-z0-9]*):(?!\/)(.*)$/.exec(p);
    const kind = m ? m[1] : undefined;
    const path = m ? m[2]! : p;
    const body = path
      .split(/(\*\*|\*)/)
      .map((part) => (part === "**" ? ".*" : part === "*" ? "[^.[]*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");
    return { kind, re: new RegExp(`^${body}(?:$|[.[])`) };
  });
  return (kind, path) => compiled.some((c) => (c.kind === undefined || c.kind === kind) && c.re.test(path));
}

const CHART_LABEL = /(^|\.)labels\["helm\.sh\/chart"\]$/;
/** `<chart>-<semver>` as helm's `helm.sh/chart` label has it (with `+` turned into `_`). */
const CHART_VERSION = /^(.*)-v?\d+\.\d+\.\d+(?:[-_][0-9A-Za-z.\-_]*)?$/;

/** A `helm.sh/chart` label whose chart name stayed and only the version moved: noise. */
function chartVersionOnly(path: string, before: unknown, after: unknown): boolean {
  if (!CHART_LABEL.test(path) || typeof before !== "string" || typeof after !== "string") return false;
  const a = CHART_VERSION.exec(before);
  const b = CHART_VERSION.exec(after);
  return !!a && !!b && a[1] === b[1];
}

export interface CompareOptions {
  ignore: IgnoreMatcher;
  /** Leave out a `helm.sh/chart` label that only changed its version (default true). */
  ignoreChartVersion: boolean;
}

/**
 * The changed fields between two versions of one object, parsed, so key order, quoting and
 * formatting are not differences. Secrets are compared by digest and shown as `***`.
 */
export function compareObjects(before: K8sObject, after: K8sObject, options: CompareOptions): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const d of microdiff(prepareObject(before), prepareObject(after), { cyclesFix: false })) {
    const path = formatPath(d.path);
    if (options.ignore(after.kind, path)) continue;
    const old = d.type === "CREATE" ? undefined : d.oldValue;
    const now = d.type === "REMOVE" ? undefined : d.value;
    if (options.ignoreChartVersion && chartVersionOnly(path, old, now)) continue;
    const change: FieldChange = { path };
    if (d.type !== "CREATE") change.before = present(old);
    if (d.type !== "REMOVE") change.after = present(now);
    changes.push(change);
  }
  return changes;
}

