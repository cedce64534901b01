import type { YAMLError, YAMLWarning } from "yaml";
import type { Problem } from "./problem.js";
import { MAX_ALIAS_COUNT, MAX_NESTING_DEPTH, problemAt, type SourceFile } from "./source-file.js";

function ruleIdFor(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "yaml/duplicate-key";
    case "TAB_AS_INDENT":
      return "yaml/tab-indent";
    case "MULTIPLE_DOCS":
      return "yaml/multiple-documents";
    case "NON_STRING_KEY":
      return "yaml/non-string-key";
    default:
      return "yaml/syntax";
  }
}

function messageFor(e: YAMLError | YAMLWarning): string {
  const first = e.message.split("\n")[0] ?? e.message;
  switch (e.code) {
    case "DUPLICATE_KEY":
      return "duplicate key: Helm keeps only the last one, so the first is silently ignored";
    case "TAB_AS_INDENT":
      return "tab used for indentation: YAML only allows spaces";
    case "MULTIPLE_DOCS":
      return "a values file must hold one YAML document, this one has several (remove the extra ---)";
    case "RESOURCE_EXHAUSTION":
      // The composer's own guard reports a raw "Maximum call stack size exceeded".
      return first.startsWith("nested too deeply") ? first : `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of lists and mappings`;
    default:
      return first.replace(/\s+at line \d+, column \d+.*$/, "").replace(/tag:yaml\.org,2002:/g, "!!");
  }
}

/** YAML errors and warnings of a parsed file as problems with exact positions. */
export function yamlProblems(source: SourceFile): Problem[] {
  const out: Problem[] = [];
  for (const e of source.doc.errors) {
    // The message id is the YAML parser's error code (DUPLICATE_KEY, BAD_INDENT, …).
    out.push(problemAt(source, e.pos, { ruleId: ruleIdFor(e.code), severity: "error", message: messageFor(e), messageId: e.code, path: "" }));
  }
  for (const w of source.doc.warnings) {
    out.push(problemAt(source, w.pos, { ruleId: ruleIdFor(w.code), severity: "warning", message: messageFor(w), messageId: w.code, path: "" }));
  }
  return out;
}

/** Plain-data view of a values file, or the problem that prevents one. */
export type DataResult = { ok: true; data: unknown } | { ok: false; problem: Problem };

/**
 * Converts the document to plain data with alias expansion bounded (an alias bomb becomes a
 * problem, not an out-of-memory crash). Computed once per SourceFile; the result is shared, so
 * callers must not mutate it.
 */
export function toData(source: SourceFile): DataResult {
  // Once per file: the schema stage and the policy merge both need it. Callers treat it as read-only.
  let result = dataCache.get(source);
  if (!result) {
    result = readData(source);
    dataCache.set(source, result);
  }
  return result;
}

const dataCache = new WeakMap<SourceFile, DataResult>();

function readData(source: SourceFile): DataResult {
  try {
    return { ok: true, data: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    const message =
      err instanceof ReferenceError && /alias/i.test(err.message)
        ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refusing a possible "billion laughs" document`
        : `cannot read YAML: ${(err as Error).message.split("\n")[0]}`;
    return { ok: false, problem: problemAt(source, [0, 0], { ruleId: "yaml/syntax", severity: "error", message, path: "" }) };
  }
}
