import type { ErrorObject } from "ajv";
import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import type { Problem } from "./problem.js";
import { formatMessage, schemaRules, type MessageData } from "./rule-meta.js";
import {
  formatPath,
  locate,
  type Located,
  nodeRange,
  pointerToSegments,
  problemAt,
  type PathSegment,
  type Range,
  type SourceFile,
} from "./source-file.js";
import type { Fix } from "./problem.js";
import { describeValue, excerpt } from "./excerpt.js";
import { didYouMean, onlyCandidate } from "./suggest.js";
import { quantityProblem } from "./quantity.js";
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

type SchemaNode = Record<string, unknown>;

function isSchemaNode(v: unknown): v is SchemaNode {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A schema with its local `$ref`s followed and its `allOf`/`anyOf`/`oneOf` branches spread out. */
function expand(root: SchemaNode, node: unknown, out: SchemaNode[] = [], depth = 0): SchemaNode[] {
  if (!isSchemaNode(node) || depth > 32) return out;
  out.push(node);
  if (typeof node.$ref === "string") expand(root, resolveSchemaPointer(root, node.$ref), out, depth + 1);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const branches = node[k];
    if (Array.isArray(branches)) for (const b of branches) expand(root, b, out, depth + 1);
  }
  return out;
}

/**
 * Every schema that applies at an instance path. ajv reports an error inside a separately
 * compiled `$ref` target (the Kubernetes definitions) with a schemaPath relative to that target,
 * so the schema behind an error is found from the data's path instead, walking properties,
 * items and additionalProperties through refs and allOf.
 */
function schemasAt(root: SchemaNode, segments: readonly PathSegment[]): SchemaNode[] {
  let current = expand(root, root);
  for (const seg of segments) {
    const next: SchemaNode[] = [];
    for (const s of current) {
      if (typeof seg === "number") {
        if (isSchemaNode(s.items)) expand(root, s.items, next);
        continue;
      }
      const props = s.properties;
      if (isSchemaNode(props) && Object.hasOwn(props, seg)) expand(root, props[seg], next);
      else if (isSchemaNode(s.additionalProperties)) expand(root, s.additionalProperties, next);
    }
    current = next;
  }
  return current;
}

/** The key a value sits under (the last name in its path), which may say it holds a credential. */
function keyOf(segments: readonly PathSegment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) if (typeof segments[i] === "string") return segments[i] as string;
  return undefined;
}

/**
 * Why a plain scalar is not what it looks like: Helm's YAML 1.1 reads `yes`/`no`/`on`/`off`/`y`/`n`
 * as booleans and `010` as 8. Empty unless the written text differs from the value.
 */
function yaml11Hint(node: Node | undefined, value: unknown): string {
  if (!isScalar(node) || node.type !== "PLAIN" || typeof node.source !== "string") return "";
  const written = node.source;
  const shown = excerpt(written);
  if (typeof value === "boolean" && !/^(true|false)$/i.test(written)) return ` (YAML, as Helm reads it, takes the plain ${written} for ${value}: quote it, ${shown}, to mean the text)`;
  if (typeof value === "number" && written !== String(value)) return ` (YAML, as Helm reads it, takes the plain ${shown.slice(1, -1)} for ${describeValue(value).replace(/^number /, "")}: quote it, ${shown}, to mean the text)`;
  return "";
}

const CANONICAL_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;

/**
 * Plain scalars Helm (YAML 1.1) and YAML 1.2 tools (editors, the yaml-language-server) read
 * differently: `yes`/`no`/`on`/`off`/`y`/`n` are booleans only to Helm; `010` is 8 to Helm and 10
 * to YAML 1.2; `0b11` and `1_000` are numbers only to Helm. Where the schema accepts either
 * reading, Helm's is silently used (extraArgs: ["-np", y] passes "true" to the server).
 */
function ambiguity(node: Node): string | undefined {
  if (!isScalar(node) || node.type !== "PLAIN" || typeof node.source !== "string") return undefined;
  const { source: written, value } = node as { source: string; value: unknown };
  if (typeof value === "boolean" && !CANONICAL_BOOL.test(written)) {
    return `Helm reads the plain ${written} as the boolean ${value} (YAML 1.1), editors on YAML 1.2 as the text "${written}": write ${value}, or "${written}" in quotes for the text`;
  }
  if (typeof value === "number" && (/^[-+]?0[0-7_]+$/.test(written) || /^[-+]?0b/.test(written) || written.includes("_"))) {
    const shown = excerpt(written);
    const number = describeValue(value).replace(/^number /, "");
    return `Helm reads the plain ${shown.slice(1, -1)} as the number ${number} (YAML 1.1), YAML 1.2 tools differently: write ${number}, or ${shown} in quotes for the text`;
  }
  return undefined;
}

const schemaMessages = new Map(schemaRules.map((r) => [r.id, r.messages ?? {}]));

/**
 * A schema problem's rule id, message id and message, from the rule's template (`schemaRules`).
 * Keywords without a registered rule (another draft-07 keyword a future schema uses) say what ajv says.
 */
function schemaMessage(ruleId: string, messageId: string, data: MessageData): { ruleId: string; messageId: string; message: string } {
  const declared = schemaMessages.get(ruleId);
  const template = declared ? declared[messageId] : messageId === "outOfRange" ? "{{where}} {{constraint}}, got {{got}}" : "{{where}} {{constraint}}";
  if (template === undefined) throw new Error(`${ruleId} declares no message "${messageId}"`);
  return { ruleId, messageId, message: formatMessage(template, data) };
}

/** Warnings for ambiguous plain scalar values (not keys: dataHazards refuses those), skipping spots that already have an error. */
function ambiguousScalars(source: SourceFile, errors: readonly Problem[]): Problem[] {
  if (source.doc.schema.name !== "yaml-1.1") return [];
  const taken = new Set(errors.filter((p) => p.severity === "error").map((p) => `${p.line}:${p.column}`));
  const out: Problem[] = [];
  // `path` is one stack for the whole walk: a path is formatted only for a scalar that is reported.
  const path: PathSegment[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        path.push(isScalar(pair.key) ? String(pair.key.value) : "?");
        visit(pair.value);
        path.pop();
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        path.push(i);
        visit(item);
        path.pop();
      });
    } else if (isScalar(node)) {
      const message = ambiguity(node);
      if (!message) return;
      const p = problemAt(source, nodeRange(node), { ruleId: "yaml/ambiguous-scalar", severity: "warning", message, path: formatPath(path) });
      if (!taken.has(`${p.line}:${p.column}`)) out.push(p);
    }
  };
  visit(source.doc.contents);
  return out;
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
 * Renames a misspelt key when that is safe: one closest known key, not already in the mapping,
 * and a plain key that stays plain (so the edit is the key's own characters only).
 */
function renameFix(keyNode: Node | undefined, key: string, to: string | undefined, parent: unknown): Fix | undefined {
  if (!to || !isScalar(keyNode) || keyNode.type !== "PLAIN" || !keyNode.range || keyNode.source !== key) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(to)) return undefined;
  if (parent && typeof parent === "object" && Object.hasOwn(parent, to)) return undefined;
  return { range: [keyNode.range[0], keyNode.range[1]], text: to };
}

/** A path in a schema: names, and `*` for any key of a map or item of a list. */
type PathPattern = readonly (string | typeof ANY)[];
const ANY = Symbol("any");
const QUANTITY_REF = "#/definitions/quantity";

/**
 * Where the schema says "a Kubernetes quantity" (`$ref: #/definitions/quantity`): the patterns
 * of those paths, found once per schema by walking its properties, maps and lists (the generated
 * `k8s.*` definitions keep their own quantity type and are not entered).
 */
function quantityPaths(root: SchemaNode): PathPattern[] {
  const out: PathPattern[] = [];
  const walk = (node: unknown, path: PathPattern, depth: number): void => {
    if (!isSchemaNode(node) || depth > 16) return;
    if (node.$ref === QUANTITY_REF) {
      out.push(path);
      return;
    }
    if (typeof node.$ref === "string" && !node.$ref.startsWith("#/definitions/k8s.")) walk(resolveSchemaPointer(root, node.$ref), path, depth + 1);
    for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(node[k])) for (const b of node[k] as unknown[]) walk(b, path, depth + 1);
    if (isSchemaNode(node.properties)) for (const [key, sub] of Object.entries(node.properties)) walk(sub, [...path, key], depth + 1);
    if (isSchemaNode(node.additionalProperties)) walk(node.additionalProperties, [...path, ANY], depth + 1);
    if (isSchemaNode(node.items)) walk(node.items, [...path, ANY], depth + 1);
  };
  walk(root, [], 0);
  return out;
}

/** The values of `data` at a pattern, with their paths. */
function valuesAt(data: unknown, pattern: PathPattern, at: PathSegment[] = [], out: { segments: PathSegment[]; value: unknown }[] = []): { segments: PathSegment[]; value: unknown }[] {
  if (at.length === pattern.length) {
    out.push({ segments: at, value: data });
    return out;
  }
  if (data === null || typeof data !== "object") return out;
  const step = pattern[at.length]!;
  if (step !== ANY) {
    if (Object.hasOwn(data, step)) valuesAt((data as Record<string, unknown>)[step], pattern, [...at, step], out);
  } else if (Array.isArray(data)) data.forEach((item, i) => valuesAt(item, pattern, [...at, i], out));
  else for (const [k, v] of Object.entries(data)) valuesAt(v, pattern, [...at, k], out);
  return out;
}

/** One ajv error, located in the file, with what every kind of schema problem needs. */
interface SchemaError {
  source: SourceFile;
  err: ErrorObject;
  segments: PathSegment[];
  where: Located;
  /** The value at the error's instance path. */
  value: unknown;
  valueRange: Range | undefined;
  /** The path for messages: the dotted path, or "the values" at the top. */
  label: string;
  /** A problem of the rule's message at a range, at the error's path unless another is given. */
  at: (range: Range | undefined, ruleId: string, messageId: string, data: MessageData, path?: string) => Problem;
}

/** Keywords whose message says the bound and the value that broke it. */
const RANGE_KEYWORDS = new Set(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"]);

/** `schema/<keyword in kebab case>`: `exclusiveMinimum` → `schema/exclusive-minimum`. */
function keywordRuleId(keyword: string): string {
  return `schema/${keyword.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}`;
}

function requiredProblem(e: SchemaError): Problem {
  const missing = String((e.err.params as { missingProperty: string }).missingProperty);
  // A mapping under a key is pointed at by its key; a list item (no key) by its own start.
  const anchor = e.where.keyNode ?? e.where.node ?? e.where.nearest;
  return { ...e.at(nodeRange(anchor), "schema/required", "missingProperty", { where: e.label, property: missing }), data: { missingProperty: missing } };
}

function enumProblem(e: SchemaError): Problem {
  const allowed = ((e.err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v));
  const hint = typeof e.value === "string" ? didYouMean(e.value, allowed.map((a) => JSON.parse(a) as string).filter((a) => typeof a === "string")) : undefined;
  return e.at(e.valueRange, "schema/enum", "notAllowed", { where: e.label, allowed: allowed.join(", "), got: describeValue(e.value, keyOf(e.segments)), hint: hint ? ` — did you mean "${hint}"?` : "" });
}

/** Unknown keys listed one by one per mapping; the rest are counted in one problem. */
export const MAX_UNKNOWN_PER_MAPPING = 100;

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
      const problem = problemAt(source, nodeRange(source.doc.contents), {
        ...schemaMessage("schema/type", "notAMapping", { subject: this.opts.subject, got: describeValue(data) }),
        severity: "error",
        path: "",
      });
      return { problems: [...syntax, problem], data: undefined };
    }
    const problems = [...syntax];
    if (!this.opts.validate(data)) {
      const seen = new Set<string>();
      // A mapping of thousands of unknown keys (a file meant for another chart, hostile input) is
      // reported by its first MAX_UNKNOWN_PER_MAPPING keys and one line that counts the rest, so
      // the work and the output stay bounded.
      const unknownCount = new Map<string, number>();
      for (const err of this.opts.validate.errors ?? []) {
        if (err.keyword === "additionalProperties") {
          const n = (unknownCount.get(err.instancePath) ?? 0) + 1;
          unknownCount.set(err.instancePath, n);
          if (n > MAX_UNKNOWN_PER_MAPPING) continue;
        }
        const p = this.toProblem(source, data, err);
        if (!p) continue;
        const key = `${p.line}:${p.column}:${p.ruleId}:${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(p);
      }
      for (const [instancePath, n] of unknownCount) {
        if (n <= MAX_UNKNOWN_PER_MAPPING) continue;
        const segments = pointerToSegments(instancePath, data);
        const where = locate(source.doc, segments);
        const path = formatPath(segments);
        problems.push(
          problemAt(source, nodeRange(where.keyNode ?? where.node ?? where.nearest), {
            ...schemaMessage("schema/unknown-property", "moreUnknownProperties", { count: n - MAX_UNKNOWN_PER_MAPPING, where: path || `the ${this.opts.subject}`, listed: MAX_UNKNOWN_PER_MAPPING }),
            severity: "error",
            path,
          }),
        );
      }
    }
    problems.push(...this.quantityProblems(source, data as object, problems));
    problems.push(...ambiguousScalars(source, problems));
    return { problems, data: data as Record<string, unknown> };
  }

  private quantityPatterns: PathPattern[] | undefined;

  /**
   * Quantities the schema's pattern accepts but Kubernetes would not keep as written (too large
   * for its 64 bits, finer than 1n): `schema/quantity` at the value, where no other error is. A
   * key named `cpu` holds cores, counted in millicores; anything else base units (bytes).
   */
  private quantityProblems(source: SourceFile, data: object, errors: readonly Problem[]): Problem[] {
    this.quantityPatterns ??= quantityPaths(this.opts.schema);
    const taken = new Set(errors.map((p) => p.path));
    const out: Problem[] = [];
    for (const pattern of this.quantityPatterns) {
      for (const { segments, value } of valuesAt(data, pattern)) {
        const path = formatPath(segments);
        if (taken.has(path) || (typeof value !== "string" && typeof value !== "number")) continue;
        const problem = quantityProblem(value, segments[segments.length - 1] === "cpu" ? "cpu" : "bytes");
        if (!problem || problem.kind === "not-a-quantity") continue;
        const where = locate(source.doc, segments);
        const got = describeValue(value);
        const message = problem.kind === "too-large" ? schemaMessage("schema/quantity", "tooLarge", { where: path, max: problem.max, got }) : schemaMessage("schema/quantity", "tooPrecise", { where: path, got });
        out.push(problemAt(source, nodeRange(where.node ?? where.keyNode ?? where.nearest), { ...message, severity: "error", path }));
      }
    }
    return out;
  }

  /** Schema look-ups by pointer and by instance path, remembered: a file with 60,000 unknown keys asks the same ones 60,000 times. */
  private readonly pointerMemo = new Map<string, ReturnType<typeof resolveSchemaPointer>>();
  private readonly knownMemo = new Map<string, string[]>();

  private knownProperties(segments: readonly PathSegment[]): string[] {
    const key = JSON.stringify(segments.map((s) => (typeof s === "number" ? 0 : s)));
    let known = this.knownMemo.get(key);
    if (!known) {
      known = [...new Set(schemasAt(this.opts.schema, segments).flatMap((sch) => (isSchemaNode(sch.properties) ? Object.keys(sch.properties) : [])))];
      this.knownMemo.set(key, known);
    }
    return known;
  }

  /** The schema at an error's parent pointer (its `examples`, its `description`), remembered per pointer. */
  private parentSchema(err: ErrorObject): Record<string, unknown> | undefined {
    const pointer = err.schemaPath.replace(/\/[^/]*$/, "");
    let parentSchema = this.pointerMemo.get(pointer);
    if (parentSchema === undefined && !this.pointerMemo.has(pointer)) {
      parentSchema = resolveSchemaPointer(this.opts.schema, pointer);
      this.pointerMemo.set(pointer, parentSchema);
    }
    return parentSchema;
  }

  private toProblem(source: SourceFile, data: unknown, err: ErrorObject): Problem | undefined {
    const segments = pointerToSegments(err.instancePath, data);
    const where = locate(source.doc, segments);
    const path = formatPath(segments);
    const at: SchemaError["at"] = (range, ruleId, messageId, messageData, p = path) =>
      problemAt(source, range, { ...schemaMessage(ruleId, messageId, messageData), severity: "error", path: p });
    const e: SchemaError = {
      source,
      err,
      segments,
      where,
      value: valueAt(data, segments),
      valueRange: nodeRange(where.node ?? where.keyNode ?? where.nearest),
      label: path || `the ${this.opts.subject}`,
      at,
    };
    // A key breaks the rule for keys (pattern, length): point at the key, whatever the keyword.
    if (err.propertyName !== undefined && err.keyword !== "propertyNames") return this.propertyNameProblem(e, err.propertyName);
    switch (err.keyword) {
      case "additionalProperties":
        return this.unknownPropertyProblem(e);
      case "required":
        return requiredProblem(e);
      case "type":
        return e.at(e.valueRange, "schema/type", "wrongType", { where: e.label, type: typeName((err.params as { type: unknown }).type), got: describeValue(e.value, keyOf(segments)), hint: yaml11Hint(where.node, e.value) });
      case "enum":
        return enumProblem(e);
      case "pattern":
        return this.patternProblem(e);
      case "propertyNames":
        return undefined; // reported through the pattern error that carries propertyName
      default:
        return RANGE_KEYWORDS.has(err.keyword)
          ? e.at(e.valueRange, keywordRuleId(err.keyword), "outOfRange", { where: e.label, constraint: err.message ?? "is out of range", got: describeValue(e.value, keyOf(segments)) })
          : e.at(e.valueRange, keywordRuleId(err.keyword), "invalid", { where: e.label, constraint: err.message ?? "is invalid" });
    }
  }

  private propertyNameProblem(e: SchemaError, propertyName: string): Problem {
    const loc = locate(e.source.doc, [...e.segments, propertyName]);
    // The key's own rule (a label key, a resource name) explains what would be allowed.
    const names = schemasAt(this.opts.schema, e.segments).flatMap((sch) => expand(this.opts.schema, sch.propertyNames));
    const why = names.map((n) => n.description).find((d): d is string => typeof d === "string");
    const shown = excerpt(propertyName);
    return e.at(
      nodeRange(loc.keyNode ?? loc.nearest),
      "schema/property-name",
      "notAllowedKey",
      { key: shown, where: e.label, why: why ? `: ${why[0]!.toLowerCase()}${why.slice(1).replace(/\.$/, "")}` : "" },
      formatPath([...e.segments, propertyName]),
    );
  }

  private unknownPropertyProblem(e: SchemaError): Problem {
    const key = String((e.err.params as { additionalProperty: string }).additionalProperty);
    const keyPath = [...e.segments, key];
    const loc = locate(e.source.doc, keyPath);
    const known = this.knownProperties(e.segments);
    const hint = didYouMean(key, known);
    const suffix = hint ? ` — did you mean "${hint}"?` : known.length && known.length <= 8 ? ` (known: ${known.join(", ")})` : "";
    const problem = e.at(nodeRange(loc.keyNode ?? loc.nearest), "schema/unknown-property", "unknownProperty", { key: excerpt(key), where: e.label, hint: suffix }, formatPath(keyPath));
    const fix = hint ? renameFix(loc.keyNode, key, onlyCandidate(key, known), e.value) : undefined;
    return fix ? { ...problem, fix } : problem;
  }

  private patternProblem(e: SchemaError): Problem {
    const parentSchema = this.parentSchema(e.err);
    const examples = parentSchema?.examples as unknown[] | undefined;
    const pattern = String((e.err.params as { pattern: string }).pattern);
    // A definition such as labelValue says in words what its pattern means ("A label value: …").
    const worded = schemasAt(this.opts.schema, e.segments).find((sch) => sch.pattern === pattern && typeof sch.description === "string" && sch.description.startsWith("A "));
    const what = typeof parentSchema?.description === "string" && e.err.schemaPath.includes("/definitions/quantity/")
      ? "a Kubernetes quantity"
      : worded
        ? `a${(worded.description as string).slice(1).replace(/\.$/, "")}`
        : `a value matching ${pattern}`;
    const eg = examples && examples.length ? ` (e.g. ${examples.map((x) => JSON.stringify(x)).join(", ")})` : "";
    return e.at(e.valueRange, "schema/pattern", "wrongForm", { where: e.label, form: what, examples: eg, got: describeValue(e.value, keyOf(e.segments)) });
  }
}
