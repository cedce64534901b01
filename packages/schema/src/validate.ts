import type { ErrorObject } from "ajv";
import type { Node } from "yaml";
import type { Problem } from "./problem.js";
import {
  formatPath,
  locate,
  nodeRange,
  pointerToSegments,
  problemAt,
  type PathSegment,
  type Range,
  type SourceFile,
} from "./source-file.js";
import { didYouMean } from "./suggest.js";
import { toData, yamlProblems } from "./yaml-problems.js";

/** A precompiled (ajv standalone) validate function. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface SchemaValidatorOptions {
  /** The JSON schema the validator was compiled from (used for hints such as "did you mean"). */
  schema: Record<string, unknown>;
  validate: CompiledValidator;
  /** What the file holds, for messages: "values", "config". */
  subject: string;
  /**
   * Drop map entries whose value is null before validating. Helm does the same when it merges
   * a values file over the chart defaults (a null deletes the default), so a null is never
   * a type error in a values file.
   */
  stripNulls: boolean;
}

/** Result of checking one file: problems, plus the plain data when the file could be read. */
export interface CheckedFile {
  problems: Problem[];
  /** The data, or undefined when YAML errors prevented a trustworthy reading. */
  data: Record<string, unknown> | undefined;
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === "object" ? stripNulls(v) : v));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

function resolveSchemaPointer(schema: unknown, pointer: string): Record<string, unknown> | undefined {
  const parts = pointer.replace(/^#\/?/, "").split("/").filter(Boolean);
  let cur: unknown = schema;
  for (const p of parts) {
    if (!cur || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return cur && typeof cur === "object" ? (cur as Record<string, unknown>) : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value)}`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, segments: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const s of segments) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(t: unknown): string {
  const names = (Array.isArray(t) ? t : [t]).map((x) => (x === "object" ? "mapping" : x === "array" ? "list" : String(x)));
  return names.map(article).join(" or ");
}

/**
 * Validates parsed files against one schema and turns ajv errors into positioned problems:
 * a wrong type points at the value, an unknown key at the key, a missing required property
 * at the mapping that should hold it.
 */
export class SchemaValidator {
  constructor(private readonly opts: SchemaValidatorOptions) {}

  check(source: SourceFile): CheckedFile {
    const syntax = yamlProblems(source);
    if (syntax.some((p) => p.severity === "error")) return { problems: syntax, data: undefined };
    const read = toData(source);
    if (!read.ok) return { problems: [...syntax, read.problem], data: undefined };
    let data: unknown = read.data ?? {};
    if (this.opts.stripNulls) data = stripNulls(data);
    if (typeof data !== "object" || Array.isArray(data)) {
      const problem = problemAt(source, nodeRange(source.doc.contents as Node), {
        ruleId: "schema/type",
        severity: "error",
        message: `${this.opts.subject} must be a mapping of keys to values, got ${describe(data)}`,
        path: "",
      });
      return { problems: [...syntax, problem], data: undefined };
    }
    const problems = [...syntax];
    if (!this.opts.validate(data)) {
      const seen = new Set<string>();
      for (const err of this.opts.validate.errors ?? []) {
        const p = this.toProblem(source, data, err);
        if (!p) continue;
        const key = `${p.line}:${p.column}:${p.ruleId}:${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(p);
      }
    }
    return { problems, data: data as Record<string, unknown> };
  }

  private toProblem(source: SourceFile, data: unknown, err: ErrorObject): Problem | undefined {
    const segments = pointerToSegments(err.instancePath, data);
    const where = locate(source.doc, segments);
    const parentSchema = resolveSchemaPointer(this.opts.schema, err.schemaPath.replace(/\/[^/]*$/, ""));
    const value = valueAt(data, segments);
    const path = formatPath(segments);
    const at = (range: Range | undefined, ruleId: string, message: string, p = path): Problem =>
      problemAt(source, range, { ruleId, severity: "error", message, path: p });
    const valueRange = nodeRange(where.node ?? where.keyNode ?? where.nearest);
    const label = path || `the ${this.opts.subject}`;

    switch (err.keyword) {
      case "additionalProperties": {
        const key = String((err.params as { additionalProperty: string }).additionalProperty);
        const keyPath = [...segments, key];
        const loc = locate(source.doc, keyPath);
        const known = Object.keys((parentSchema?.properties as Record<string, unknown>) ?? {});
        const hint = didYouMean(key, known);
        const msg = `unknown property "${key}" in ${label}` + (hint ? ` — did you mean "${hint}"?` : known.length && known.length <= 8 ? ` (known: ${known.join(", ")})` : "");
        return at(nodeRange(loc.keyNode ?? loc.nearest), "schema/unknown-property", msg, formatPath(keyPath));
      }
      case "required": {
        const missing = String((err.params as { missingProperty: string }).missingProperty);
        // A mapping under a key is pointed at by its key; a list item (no key) by its own start.
        const anchor = where.keyNode ?? where.node ?? where.nearest;
        return at(nodeRange(anchor), "schema/required", `${label} is missing required property "${missing}"`);
      }
      case "type":
        return at(valueRange, "schema/type", `${label} must be ${typeName((err.params as { type: unknown }).type)}, got ${describe(value)}`);
      case "enum": {
        const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v));
        const hint = typeof value === "string" ? didYouMean(value, allowed.map((a) => JSON.parse(a) as string).filter((a) => typeof a === "string")) : undefined;
        return at(valueRange, "schema/enum", `${label} must be one of ${allowed.join(", ")}, got ${describe(value)}` + (hint ? ` — did you mean "${hint}"?` : ""));
      }
      case "pattern": {
        if (err.propertyName !== undefined) {
          const loc = locate(source.doc, [...segments, err.propertyName]);
          return at(nodeRange(loc.keyNode ?? loc.nearest), "schema/property-name", `"${err.propertyName}" is not an allowed key in ${label}`, formatPath([...segments, err.propertyName]));
        }
        const examples = parentSchema?.examples as unknown[] | undefined;
        const what = typeof parentSchema?.description === "string" && err.schemaPath.includes("/definitions/quantity/")
          ? "a Kubernetes quantity"
          : `a value matching ${String((err.params as { pattern: string }).pattern)}`;
        const eg = examples && examples.length ? ` (e.g. ${examples.map((e) => JSON.stringify(e)).join(", ")})` : "";
        return at(valueRange, "schema/pattern", `${label} must be ${what}${eg}, got ${describe(value)}`);
      }
      case "propertyNames":
        return undefined; // reported through the pattern error that carries propertyName
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
      case "minLength":
      case "maxLength":
      case "minItems":
      case "maxItems":
        return at(valueRange, `schema/${err.keyword.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`, `${label} ${err.message ?? "is out of range"}, got ${describe(value)}`);
      default:
        return at(valueRange, `schema/${err.keyword.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`, `${label} ${err.message ?? "is invalid"}`);
    }
  }
}
