import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  Schema,
  YAMLParseError,
  type CST,
  type Document,
  type DocumentOptions,
  type Node,
  type Pair,
  type Scalar,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
} from "yaml";
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

/**
 * Deepest nesting of lists and mappings a file may have. A values file needs about ten levels
 * (affinity is the deepest); the YAML composer recurses once per level and runs out of stack
 * near a thousand, so anything deeper is refused before it is composed.
 */
export const MAX_NESTING_DEPTH = 64;

/** Tags of the YAML 1.1 schema that Helm's reader does not turn into data of their own (go-yaml keeps timestamps as strings). */
const NOT_HELM_TAGS = new Set(["tag:yaml.org,2002:binary", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", "tag:yaml.org,2002:set", "tag:yaml.org,2002:timestamp"]);

/** How plain scalars are read. */
export interface ParseSourceOptions {
  /**
   * "1.1" (default): as Helm reads values files (go-yaml v2): plain yes/no/on/off/y/n are
   * booleans and 010 is 8 — or lint would pass `nameOverride: n`, which Helm rejects as the
   * boolean false. "1.2": the YAML 1.2 core schema, for llmchart's own config, which only
   * llmchart reads and where `off` is a rule setting.
   */
  yaml?: "1.1" | "1.2";
  /**
   * Counts the key lookups of the duplicate-key check (one per key of every mapping), so a test
   * can prove the work is linear in the number of keys without timing it.
   */
  work?: ParseWork;
}

/** Work counters of one parse; see ParseSourceOptions.work. */
export interface ParseWork {
  keyLookups: number;
}

/**
 * `0o17` is text to YAML 1.1, but go-yaml v2 (Helm's reader) hands every plain scalar that starts
 * like a number to Go's strconv.ParseInt with base 0, which takes the 0o prefix: Helm reads 15.
 */
const GO_OCTAL: ScalarTag = {
  identify: () => false,
  default: true,
  tag: "tag:yaml.org,2002:int",
  format: "OCT",
  test: /^[-+]?0[oO][0-7_]+$/,
  resolve: (str) => {
    const n = parseInt(str.replace(/[-+_]|0[oO]/g, ""), 8);
    return str.startsWith("-") ? -n : n;
  },
};

const HELM_SCALARS: SchemaOptions = {
  schema: "yaml-1.1",
  customTags: (tags) => [GO_OCTAL, ...tags.filter((t) => typeof t === "string" || (!NOT_HELM_TAGS.has(t.tag) && t.format !== "TIME"))],
};

let helmOptions: ParseOptions & DocumentOptions & SchemaOptions | undefined;

/**
 * PARSE_OPTIONS with Helm's scalars, the schema built once: the yaml library would otherwise
 * build the tag list anew for every document (immutable, so one serves every file).
 */
function helmParseOptions(): ParseOptions & DocumentOptions & SchemaOptions {
  helmOptions ??= { ...PARSE_OPTIONS, schema: new Schema({ ...PARSE_OPTIONS, ...HELM_SCALARS }) };
  return helmOptions;
}

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  // The library compares each key with every earlier key of its mapping (quadratic: 60,000 keys
  // took minutes); dataHazards finds duplicates with a Set per mapping instead.
  uniqueKeys: false,
  keepSourceTokens: false,
  // Merge keys (`<<: *defaults`) are YAML 1.1, and Helm reads them.
  merge: true,
  // Explicit !!binary, !!set, … would become JS objects that Helm never sees; leave them unresolved (a warning).
  resolveKnownTags: false,
  // Warnings belong in doc.warnings, never on the process's stderr.
  logLevel: "error",
};

/** Offset of the first list or mapping nested deeper than MAX_NESTING_DEPTH in the CST, if any (iterative: the input is hostile). */
function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<[CST.Token, number]> = tokens.map((t) => [t, 0]);
  let first: number | undefined;
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth >= MAX_NESTING_DEPTH) {
        if (first === undefined || token.offset < first) first = token.offset;
        continue;
      }
      for (const item of token.items) {
        if ("key" in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return first;
}

function describeKey(node: unknown): string | undefined {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node) && node.value === null) return "null";
  return undefined;
}

/**
 * Where a block scalar (`|`, `>`) without an indentation indicator has a tab right after the
 * spaces of its first content line. The yaml library reads the tab as content; Helm's parser
 * refuses the whole file ("found a tab character where an indentation space is expected").
 */
function blockScalarTab(text: string, node: Node): number | undefined {
  const [start, end] = node.range ?? [0, 0];
  const slice = text.slice(start, end);
  const nl = slice.indexOf("\n");
  if (nl < 0 || /[1-9]/.test(slice.slice(0, nl).replace(/#.*$/, ""))) return undefined;
  let at = nl + 1;
  while (at < slice.length) {
    let i = at;
    while (slice[i] === " ") i++;
    if (slice[i] === "\t") return start + i;
    if (slice[i] !== "\n" && slice[i] !== "\r") return undefined;
    at = slice.indexOf("\n", i) + 1;
    if (at === 0) return undefined;
  }
  return undefined;
}

/**
 * Problems the YAML library accepts but Helm (or plain data) cannot: keys that are not strings
 * (Helm refuses a null or collection key; JS would silently turn it into "" or "[ a, b ]"), plain
 * keys Helm reads as other text (`no:` becomes "false"), a `__proto__` key (not data in
 * JavaScript), an alias inside the node it names (expanding it never ends), and a tab opening a
 * block scalar. Depth is bounded by MAX_NESTING_DEPTH, so the recursion is too.
 */
function dataHazards(doc: Document.Parsed, text: string, work: ParseWork | undefined): YAMLParseError[] {
  const walk: HazardWalk = { doc, text, work, out: [], open: new Set<unknown>() };
  visitHazards(walk, doc.contents, 0);
  return walk.out;
}

/** One walk of `dataHazards`: the errors found so far and the collections being visited (to catch an alias inside what it names). */
interface HazardWalk {
  doc: Document.Parsed;
  text: string;
  work: ParseWork | undefined;
  out: YAMLParseError[];
  open: Set<unknown>;
}

/** A node's range, at least one character long; one character at `fallback` when it has none. */
function hazardRange(node: Node | null | undefined, fallback: number): [number, number] {
  const r = node?.range;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [fallback, fallback + 1];
}

function visitHazards(walk: HazardWalk, node: unknown, offset: number): void {
  if (isAlias(node)) {
    const target = node.resolve(walk.doc);
    if (target && walk.open.has(target)) {
      walk.out.push(new YAMLParseError(hazardRange(node, offset), "BAD_ALIAS", `alias *${node.source} is used inside the node it names, so expanding it never ends`));
    }
    return;
  }
  if (isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED")) {
    const tab = blockScalarTab(walk.text, node);
    if (tab !== undefined) {
      walk.out.push(new YAMLParseError([tab, tab + 1], "BAD_INDENT", "a tab starts the first line of this block scalar: Helm's YAML parser refuses that; give the indentation in the header (e.g. |2) or start the line with spaces"));
    }
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  walk.open.add(node);
  const start = node.range?.[0] ?? offset;
  // Scalar key values seen in this mapping, compared with === as the yaml library's own check
  // does (so 1 and "1" differ); alias and collection keys are never duplicates of anything.
  const seen = isMap(node) ? new Set<unknown>() : undefined;
  for (const item of node.items) {
    if (!isPair(item)) {
      visitHazards(walk, item, start);
      continue;
    }
    const key = item.key as Node | null;
    if (seen && (key === null || isScalar(key))) checkDuplicateKey(walk, seen, key, start);
    const hazard = keyHazard(walk.doc, key, start);
    if (hazard) walk.out.push(hazard);
    else if (isAlias(key)) visitHazards(walk, key, start);
    visitHazards(walk, item.value, key?.range?.[1] ?? start);
  }
  walk.open.delete(node);
}

function checkDuplicateKey(walk: HazardWalk, seen: Set<unknown>, key: Scalar | null, start: number): void {
  if (walk.work) walk.work.keyLookups++;
  const value: unknown = key === null ? null : key.value;
  if (seen.has(value) && !Number.isNaN(value)) {
    const at0 = key?.range?.[0] ?? start;
    walk.out.push(new YAMLParseError([at0, at0 + 1], "DUPLICATE_KEY", "Map keys must be unique"));
  } else seen.add(value);
}

/** Why a mapping key is not a key Helm reads as written: not a string, a plain key read as other text, or `__proto__`. */
function keyHazard(doc: Document.Parsed, key: Node | null, start: number): YAMLParseError | undefined {
  const resolved = isAlias(key) ? key.resolve(doc) : key;
  const what = key === null ? "null" : describeKey(resolved);
  if (what) {
    return new YAMLParseError(hazardRange(key, start), "NON_STRING_KEY", `a key must be a string, not ${what}${what === "null" ? ' (quote it to mean the text "null")' : ""}: Helm cannot read this mapping`);
  }
  if (isScalar(resolved) && (typeof resolved.value === "boolean" || typeof resolved.value === "number") && typeof resolved.source === "string" && resolved.source !== String(resolved.value)) {
    const shown = String(resolved.value);
    return new YAMLParseError(hazardRange(key, start), "NON_STRING_KEY", `the plain key ${resolved.source} is read as ${typeof resolved.value === "boolean" ? "the boolean " : ""}${shown}, so Helm sees the key "${shown}": quote it, "${resolved.source}", to keep the text`);
  }
  if (isScalar(resolved) && resolved.value === "__proto__") {
    return new YAMLParseError(hazardRange(key, start), "NON_STRING_KEY", 'the key "__proto__" is not allowed (no Kubernetes field or label has that name)');
  }
  return undefined;
}

/**
 * Characters a YAML file may not contain at all, not even inside quotes (YAML's printable set, as
 * Helm's parser enforces it: "control characters are not allowed"): C0 controls but tab, line
 * feed and carriage return, DEL, C1 controls but NEL, and U+FFFE/U+FFFF. The yaml library reads
 * them anyway, so lint would pass a file Helm refuses.
 */
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;

/**
 * NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are ordinary characters to the yaml library (YAML
 * 1.2) but line breaks to Helm's parser (YAML 1.1): written raw, Helm reads a different value.
 */
const YAML11_BREAK = /[\u0085\u2028\u2029]/g;

/** A byte order mark after the start: Helm's parser misreads it at some byte offsets ("did not find expected key"). */
const INNER_BOM = /(?<!^)\ufeff/g;

function nonPrintable(text: string): YAMLParseError | undefined {
  INNER_BOM.lastIndex = 0;
  const bom = INNER_BOM.exec(text);
  if (bom) {
    return new YAMLParseError([bom.index, bom.index + 1], "UNEXPECTED_TOKEN", 'U+FEFF (a byte order mark) inside the file: Helm\'s YAML parser can misread it; inside double quotes write it as "\\ufeff"');
  }
  YAML11_BREAK.lastIndex = 0;
  const lineBreak = YAML11_BREAK.exec(text);
  NON_PRINTABLE.lastIndex = 0;
  const control = NON_PRINTABLE.exec(text);
  if (lineBreak && (!control || lineBreak.index < control.index)) {
    const code = lineBreak[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return new YAMLParseError(
      [lineBreak.index, lineBreak.index + 1],
      "UNEXPECTED_TOKEN",
      `U+${code} is a line break to Helm's YAML parser, so Helm would read a different value than written; inside double quotes write it as "\\u${code.toLowerCase()}"`,
    );
  }
  const first = control;
  if (!first) return undefined;
  const more = (text.match(NON_PRINTABLE)?.length ?? 1) - 1;
  const code = first[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  const escape = first[0].charCodeAt(0) <= 0xff ? `\\x${code.slice(2).toLowerCase()}` : `\\u${code.toLowerCase()}`;
  return new YAMLParseError(
    [first.index, first.index + 1],
    "UNEXPECTED_TOKEN",
    `control character U+${code} is not allowed in YAML, so Helm refuses the whole file${more ? ` (${more} more after it)` : ""}; inside double quotes write it as "${escape}"`,
  );
}

/**
 * Parses YAML text into a SourceFile. Never throws on bad YAML: errors stay in `doc.errors`,
 * including the ones the yaml library lets through but a values file must not have (nesting
 * deeper than MAX_NESTING_DEPTH, keys that are not strings, self-referencing aliases, control
 * characters).
 */
export function parseSource(path: string, text: string, options: ParseSourceOptions = {}): SourceFile {
  const lineCounter = new LineCounter();
  // parseDocument's own steps, with a depth check between parsing and composing.
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = tooDeepAt(tokens);
  const composer = new Composer(options.yaml === "1.2" ? PARSE_OPTIONS : helmParseOptions());
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(deep === undefined ? tokens : [], true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
  }
  if (deep !== undefined) {
    doc!.errors.push(new YAMLParseError([deep, deep + 1], "RESOURCE_EXHAUSTION", `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of lists and mappings`));
  } else {
    doc!.errors.push(...dataHazards(doc!, text, options.work));
  }
  const control = nonPrintable(text);
  if (control) doc!.errors.push(control);
  return { path, text, doc: doc!, lineCounter };
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
  const r = node.range;
  if (!r) return undefined;
  return [r[0], r[1]];
}

/** A problem at `range` of `source`, with 1-based positions computed from the line counter. */
export function problemAt(
  source: SourceFile,
  range: Range | undefined,
  fields: { ruleId: string; severity: Severity; message: string; path: string; messageId?: string },
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
    ...(fields.messageId !== undefined ? { messageId: fields.messageId } : {}),
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

/** A list item of a Kubernetes object matched by its `name` (a container, a volume), in a manifest path. */
export interface NamedItem {
  readonly name: string;
}

/** A key of a Kubernetes object's field; `$` is allowed, as in strategic-merge keys (`$patch`). */
const FIELD_IDENT = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats the path of a field in a Kubernetes object (a rendered manifest), as `formatPath` does a
 * values path but for two things: a key may hold `$` and stay dotted (`spec.$patch`), and a list
 * item matched by its name shows as `[name=llama]`: `spec.template.spec.containers[name=llama].image`.
 */
export function formatManifestPath(segments: readonly (PathSegment | NamedItem)[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "object") out += `[name=${seg.name}]`;
    else if (FIELD_IDENT.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function scalarKey(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return typeof k === "string" || typeof k === "number" || typeof k === "boolean" ? String(k) : undefined;
}

/**
 * Per mapping: each key's text → the index of its first pair. Built on the first lookup, so a
 * file whose 60,000 keys each get a problem locates them in linear time, not quadratic. Rebuilt
 * when the mapping has changed since (a caller edited a document).
 */
const pairIndex = new WeakMap<object, { items: unknown[]; length: number; index: Map<string, number> }>();

function indexOf(items: readonly Pair[], key: string, owner: object): number | undefined {
  let entry = pairIndex.get(owner);
  let fresh = false;
  if (!entry || entry.items !== items || entry.length !== items.length) {
    const index = new Map<string, number>();
    items.forEach((item, i) => {
      const k = scalarKey(item);
      if (k !== undefined && !index.has(k)) index.set(k, i);
    });
    entry = { items: items as unknown[], length: items.length, index };
    pairIndex.set(owner, entry);
    fresh = true;
  }
  const at = entry.index.get(key);
  if (at !== undefined && scalarKey(items[at]!) === key) return at;
  if (fresh && at === undefined) return undefined;
  // The mapping was edited in place since the index was built: build it again.
  pairIndex.delete(owner);
  return indexOf(items, key, owner);
}

/** The pair of `map` whose key equals `key`, if `map` is a YAML mapping. */
export function findPair(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  const at = indexOf(map.items, key, map);
  return at === undefined ? undefined : (map.items[at] as Pair<Node, Node>);
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
        keyNode = pair.key;
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
