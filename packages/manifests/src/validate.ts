import {
  formatPath,
  locate,
  MAX_ALIAS_COUNT,
  nodeRange,
  pointerToSegments,
  problemAt,
  type Problem,
  type Range,
  type Severity,
  type SourceFile,
} from "@llmchart/schema";
import { createHash } from "node:crypto";
import { isMap, LineCounter, parseAllDocuments, type Document } from "yaml";
import { modelFor, preloadKinds, schemaErrors, type ModelClass, type SchemaError } from "./models.js";
import { kindDefinition, strictKubernetesVersion, traceToValues, unknownFields } from "./strict.js";


/** How validateManifests checks. */
export interface ManifestCheckOptions {
  /**
   * Like `kubeconform -strict`: a field the Kubernetes definition of a built-in kind does not have
   * is an error (`manifest/unknown-field`). Kinds without a bundled definition (CRDs such as the
   * Argo CD Application or a ServiceMonitor) are checked as before.
   */
  strict?: boolean;
  /**
   * The values files the manifests were rendered from, the model's first. A strict problem
   * whose field was copied from a values key (see `traceToValues`) points at that key in that
   * file; otherwise it points at the rendered object and names its template. A function is
   * called only when some field needs tracing (parsing a chart's values.yaml is not free).
   */
  values?: SourceFile | readonly SourceFile[] | (() => readonly SourceFile[]);
}

/**
 * What validateRendered remembers of a document it found without problems, by a hash of the
 * document's text and the check options: the object's identity (for the duplicate check) and
 * where its content starts. A document remembered this way is not parsed or validated again.
 */
export interface CleanDocument {
  /** group/kind/namespace/name, or null for an object without a name (generateName). */
  id: string | null;
  /** Offset of the document's content from the start of its `---` line. */
  at: number;
}

/**
 * Where validateRendered keeps CleanDocuments (the caller decides how long they live). It sets
 * every document of the stream that is clean now, remembered ones included.
 */
export interface DocumentMemo {
  get(key: string): CleanDocument | undefined;
  set(key: string, entry: CleanDocument): void;
}

/** One document of a stream as the text shows it: from its `---` line to the next one. */
interface Chunk {
  start: number;
  end: number;
  key: string;
  known?: CleanDocument;
}

/**
 * The documents of a stream by its `---` lines, or undefined when the text could make the line
 * split disagree with the parser (directives, `...` ends, content on a `---` line): then nothing
 * is remembered. Text before the first `---` is never a remembered document.
 */
function chunksOf(text: string, strict: boolean): Chunk[] | undefined {
  if (/^(?:%|\.\.\.(?:[ \t]|\r?$)|---[ \t]+\S)/m.test(text)) return undefined;
  const starts = Array.from(text.matchAll(/^---[ \t]*\r?$/gm), (m) => m.index);
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const key = createHash("sha256").update(strict ? "strict\0" : "loose\0").update(text.slice(start, end)).digest("hex");
    return { start, end, key };
  });
}

/**
 * validateManifests for a rendered stream, remembering clean documents in `memo`: a document
 * whose exact text was clean before is neither parsed nor validated, and the validators of its
 * kind are not even loaded (a values edit usually changes one Deployment; the Service, the
 * ServiceAccount and the test Pod render as before). The problems are exactly validateManifests'
 * problems: a remembered document that now collides with another one (a duplicate object) sends
 * the whole stream through validateManifests.
 */
export async function validateRendered(text: string, file: string, options: ManifestCheckOptions & { memo: DocumentMemo }): Promise<Problem[]> {
  const { memo, ...checkOptions } = options;
  const chunks = chunksOf(text, Boolean(options.strict));
  if (chunks) for (const c of chunks) c.known = memo.get(c.key);
  let result: StreamResult | "again" = "again";
  if (chunks?.some((c) => c.known)) {
    // Only the documents not remembered are read, each on its own (positions shifted to the
    // stream's lines), and what comes before the first `---` line.
    const first = chunks[0]?.start ?? text.length;
    const head = text.slice(0, first).trim() ? { start: 0, end: first, key: "" } : undefined;
    const parts = [...(head ? [head] : []), ...chunks.filter((c) => !c.known)];
    await preloadKinds(parts.map((c) => text.slice(c.start, c.end)).join("\n"));
    result = validateParts(text, file, checkOptions, head, chunks);
  }
  if (result === "again") {
    await preloadKinds(text);
    result = validateStream(text, file, checkOptions, { chunks });
  }
  for (const [key, entry] of result.clean) memo.set(key, entry);
  return result.problems;
}

/**
 * The stream document by document (the text before the first `---` line, then every chunk):
 * remembered chunks only join the duplicate check, the rest are validated as streams of their
 * own. "again" when a remembered document takes part in a duplicate: its position would have to
 * come from a parse it was spared.
 */
function validateParts(text: string, file: string, options: ManifestCheckOptions, head: Chunk | undefined, chunks: readonly Chunk[]): StreamResult | "again" {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (const m of text.matchAll(/\n/g)) lines.addNewLine(m.index + 1);
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  const clean: [string, CleanDocument][] = [];
  for (const c of [...(head ? [head] : []), ...chunks]) {
    if (c.known) {
      const { id, at } = c.known;
      if (id !== null) {
        if (seen.has(id)) return "again";
        seen.set(id, lineOf(c.start + at));
      }
      clean.push([c.key, c.known]);
      continue;
    }
    const shift = lineOf(c.start) - 1;
    const part = validateStream(text.slice(c.start, c.end), file, options, { seen, shift, ...(c.key ? { chunks: [{ ...c, start: 0, end: c.end - c.start }] } : {}) });
    for (const p of part.problems) problems.push(p.file === file ? { ...p, line: p.line + shift, endLine: p.endLine + shift } : p);
    clean.push(...part.clean);
  }
  return { problems, clean };
}

interface StreamResult {
  problems: Problem[];
  /** The documents found without problems, by chunk key (when `chunks` named them). */
  clean: [string, CleanDocument][];
}

function valueAt(data: unknown, segments: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const s of segments) cur = cur !== null && typeof cur === "object" ? (cur as Record<string | number, unknown>)[s] : undefined;
  return cur;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The `# Source: chart/templates/x.yaml` comment helm template writes above each document,
 * looked for in the text between the previous document and this one's content (where the
 * comment lands in the YAML tree differs for the first document of a stream).
 */
function templateSource(text: string, from: number, doc: Document): string | undefined {
  const to = doc.contents?.range?.[0] ?? doc.range?.[1] ?? from;
  const matches = [...text.slice(from, to).matchAll(/^#\s*Source:\s*(\S+)/gm)];
  return matches.at(-1)?.[1];
}

function describeError(err: SchemaError): string {
  const message = err.message ?? `fails ${err.keyword}`;
  switch (err.keyword) {
    case "required":
      return `is missing required property "${String(err.params.missingProperty)}"`;
    case "enum":
      return `${message} (${(err.params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(", ") ?? ""})`;
    default:
      return message;
  }
}

/**
 * Validates a multi-document YAML stream such as `helm template` output. Each document is
 * checked against the schema of its apiVersion/kind (kubernetes-models for built-in kinds,
 * @kubernetes-models/argo-cd for `argoproj.io/v1alpha1` Applications); kinds without an
 * installed schema get a warning. Like kubeconform's default mode, unknown fields are not
 * errors (the upstream validators ignore them) unless `options.strict`. Positions point at the offending field (for a
 * missing property: the mapping that should hold it); `path` is the field path inside the
 * document.
 */
export function validateManifests(text: string, file: string, options: ManifestCheckOptions = {}): Problem[] {
  return validateStream(text, file, options, {}).problems;
}

/**
 * The check of validateManifests. `at.chunks` names the documents (by their `---` line) whose
 * clean results are reported back; `at.seen` and `at.shift` place a stream that is one part of a
 * larger one (objects seen before it, lines before it).
 */
function validateStream(
  text: string,
  file: string,
  options: ManifestCheckOptions,
  at: { chunks?: readonly Chunk[] | undefined; seen?: Map<string, number>; shift?: number },
): StreamResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const clean: [string, CleanDocument][] = [];
  if (!Array.isArray(docs)) return { problems, clean };
  const stream: StreamState = { options, seen: at.seen ?? new Map<string, number>(), shift: at.shift ?? 0, problems };
  const chunkAt = chunkFinder(at.chunks);
  let previousEnd = 0;
  for (const doc of docs) {
    const start = previousEnd;
    previousEnd = doc.range?.[1] ?? previousEnd;
    const chunk = chunkAt(doc.range[0]);
    const before = problems.length;
    const checked = validateDocument({ path: file, text, doc, lineCounter }, start, stream);
    if (chunk && checked && problems.length === before) clean.push([chunk.key, { id: checked.id, at: checked.at - chunk.start }]);
  }
  return { problems, clean };
}

/** What the documents of one stream share while it is checked. */
interface StreamState {
  options: ManifestCheckOptions;
  /** Objects seen so far by id, with the (shifted) line of their first definition. */
  seen: Map<string, number>;
  /** Lines of the larger stream before this one. */
  shift: number;
  problems: Problem[];
}

type Report = (range: Range | undefined, ruleId: string, severity: Severity, message: string, path?: string) => void;

/**
 * Finds the chunk each document is (by its start: a `---` line begins both), for offsets asked
 * in increasing order, as the documents of a stream come.
 */
function chunkFinder(chunks: readonly Chunk[] | undefined): (offset: number) => Chunk | undefined {
  let next = 0;
  return (offset) => {
    if (!chunks) return undefined;
    while (next < chunks.length && chunks[next]!.end <= offset) next++;
    return chunks[next]?.start === offset ? chunks[next] : undefined;
  };
}

/**
 * Checks one document of a stream (`start`: where the text after the previous document begins),
 * adding its problems to the stream's. Returns the object's id and where its content starts when
 * the document was checked through to its schema (an empty document, a YAML error or a kind
 * without a schema stop earlier), undefined otherwise.
 */
function validateDocument(source: SourceFile, start: number, stream: StreamState): { id: string | null; at: number } | undefined {
  const { doc } = source;
  const report: Report = (range, ruleId, severity, message, path = "") => {
    stream.problems.push(problemAt(source, range, { ruleId, severity, message, path }));
  };
  const docRange = nodeRange(doc.contents) ?? (doc.range ? [doc.range[0], doc.range[1]] as const : undefined);
  const object = readObject(source, start, docRange, report);
  if (!object) return undefined;
  const { data, apiVersion, kind, from, suffix } = object;
  const { id, label } = identify(source, object, docRange, stream, report);
  const { options } = stream;
  if (options.strict) strictProblems(source, data, apiVersion, kind, label, from, options.values, stream.problems);
  const model = modelFor(apiVersion, kind);
  if (!model) {
    report(docRange, "manifest/unknown-kind", "warning", `no schema installed for ${apiVersion} ${kind}, so ${label} was not validated${suffix}`);
    return undefined;
  }
  schemaProblems(doc, data, model, `${label}: `, suffix, report);
  return docRange ? { id, at: docRange[0] } : undefined;
}

/** A document read as a Kubernetes object: a mapping with a string apiVersion and kind. */
interface ManifestObject {
  data: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  /** The template it was rendered from (helm template's `# Source:` comment). */
  from: string | undefined;
  /** ` (from <template>)`, or nothing, for the end of a message. */
  suffix: string;
}

/**
 * The document as an object, or undefined (with the problem reported) when it cannot be one:
 * a YAML error, an empty document (helm leaves them for disabled templates, no problem), or no
 * mapping with a string apiVersion and kind.
 */
function readObject(source: SourceFile, start: number, docRange: Range | undefined, report: Report): ManifestObject | undefined {
  const { doc, text } = source;
  if (doc.errors.length) {
    for (const e of doc.errors) report(e.pos, "manifest/yaml", "error", e.message.split("\n")[0] ?? e.message);
    return undefined;
  }
  if (doc.contents === null) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    report(docRange, "manifest/yaml", "error", `cannot read YAML: ${(err as Error).message.split("\n")[0]}`);
    return undefined;
  }
  if (data === null || data === undefined) return undefined;
  const from = templateSource(text, start, doc);
  const suffix = from ? ` (from ${from})` : "";
  if (!isRecord(data)) {
    report(docRange, "manifest/invalid", "error", `a manifest must be a mapping${suffix}`);
    return undefined;
  }
  const { apiVersion, kind } = data;
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !apiVersion || !kind) {
    const missing = typeof apiVersion !== "string" || !apiVersion ? "apiVersion" : "kind";
    report(docRange, "manifest/invalid", "error", `a Kubernetes object needs a string ${missing}${suffix}`);
    return undefined;
  }
  return { data, apiVersion, kind, from, suffix };
}

/**
 * The object's id (group/kind/namespace/name; null without a name) and how messages name it.
 * Reports an object without metadata.name or generateName, and the second definition of an id.
 */
function identify(
  source: SourceFile,
  { data, apiVersion, kind, suffix }: ManifestObject,
  docRange: Range | undefined,
  stream: StreamState,
  report: Report,
): { id: string | null; label: string } {
  const metadata = isRecord(data.metadata) ? data.metadata : undefined;
  const name = typeof metadata?.name === "string" ? metadata.name : undefined;
  const label = name ? `${kind} "${name}"` : kind;
  if (!name && typeof metadata?.generateName !== "string") {
    const where = locate(source.doc, metadata ? ["metadata"] : []);
    report(nodeRange(where.keyNode ?? where.nearest), "manifest/invalid", "error", `${kind} has no metadata.name${suffix}`, "metadata");
  }
  if (!name) return { id: null, label };
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const namespace = typeof metadata?.namespace === "string" ? metadata.namespace : "";
  const id = `${group}/${kind}/${namespace}/${name}`;
  const first = stream.seen.get(id);
  if (first !== undefined) {
    report(docRange, "manifest/duplicate", "error", `${label} is defined twice (first at line ${first}); the second would replace it${suffix}`);
  } else {
    stream.seen.set(id, source.lineCounter.linePos(docRange?.[0] ?? 0).line + stream.shift);
  }
  return { id, label };
}

/** The schema errors of the object, each once, at the offending field (for a missing property: the mapping that should hold it). */
function schemaProblems(doc: Document, data: Record<string, unknown>, model: ModelClass, prefix: string, suffix: string, report: Report): void {
  const reported = new Set<string>();
  for (const err of schemaErrors(model, data)) {
    // oneOf/anyOf wrappers repeat what their branches already said at the same place.
    if (err.keyword === "oneOf" || err.keyword === "anyOf") continue;
    const segments = pointerToSegments(err.instancePath, data);
    const where = locate(doc, segments);
    const anchor = err.keyword === "required" ? (where.node && isMap(where.node) ? where.keyNode ?? where.node : where.keyNode ?? where.nearestKey) : where.node ?? where.keyNode ?? where.nearest;
    const path = formatPath(segments);
    const message = `${prefix}${path || "the object"} ${describeError(err)}${suffix}`;
    const key = `${path}\u0000${message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    report(nodeRange(anchor ?? where.nearest), "manifest/schema", "error", message, path);
  }
}

function strictProblems(
  source: SourceFile,
  data: Record<string, unknown>,
  apiVersion: string,
  kind: string,
  label: string,
  template: string | undefined,
  values: ManifestCheckOptions["values"],
  problems: Problem[],
): void {
  const def = kindDefinition(apiVersion, kind);
  if (!def) return;
  const taken = new Set(problems.map((p) => `${p.file}:${p.line}:${p.column}:${p.ruleId}`));
  for (const field of unknownFields(def, data)) {
    const key = String(field.path.at(-1));
    const parent = formatPath(field.path.slice(0, -1));
    const hint = field.suggestion ? ` — did you mean "${field.suggestion}"?` : "";
    const rendered = `${label} ${formatPath(field.path)}${template ? ` (${template})` : ""}`;
    const traced = values ? traceToValues(field.path, valueAt(data, field.path), typeof values === "function" ? values() : values) : undefined;
    let problem: Problem;
    if (traced) {
      const at = traced.segments.slice(0, -1);
      problem = problemAt(traced.source, nodeRange(traced.keyNode), {
        ruleId: "manifest/unknown-field",
        severity: "error",
        message: `unknown field "${key}" in ${at.length ? formatPath(at) : "the values"}, rendered as ${rendered}: Kubernetes ${strictKubernetesVersion} has no such field${hint}`,
        path: traced.path,
      });
    } else {
      const where = locate(source.doc, field.path);
      problem = problemAt(source, nodeRange(where.keyNode ?? where.nearest), {
        ruleId: "manifest/unknown-field",
        severity: "error",
        message: `${label}: unknown field "${key}" in ${parent || "the object"}: Kubernetes ${strictKubernetesVersion} has no such field${hint}${template ? ` (from ${template})` : ""}`,
        path: formatPath(field.path),
      });
    }
    const id = `${problem.file}:${problem.line}:${problem.column}:${problem.ruleId}`;
    if (taken.has(id)) continue;
    taken.add(id);
    problems.push(problem);
  }
}

export { manifestRules } from "./rules.js";
