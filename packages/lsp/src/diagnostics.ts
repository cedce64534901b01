import type { Problem, RuleMeta } from "@llmchart/schema";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import { STALE_SUFFIX } from "./stale.js";

export interface DiagnosticOptions {
  /** Rule metadata by id (for the docs link). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** Base URL of docs/rules/ (ends with `/`); undefined means no links. */
  docsBaseUrl: string | undefined;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/**
 * A problem as an LSP diagnostic. Problems are 1-based with an exclusive end, columns counted in
 * UTF-16 code units of the text (what `yaml`'s LineCounter counts on a JS string) — exactly
 * LSP's default position encoding, so only the base changes. A `stale` diagnostic is one of the
 * last lint that parsed, carried over while the buffer does not parse: its message says so, and its
 * `data` is `{ stale: true }`.
 */
export function toDiagnostic(p: Problem, options: DiagnosticOptions, stale = false): Diagnostic {
  const docs = options.rules.get(p.ruleId)?.docs;
  const page = docs?.split("/").pop();
  return {
    range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
    severity: SEVERITY[p.severity],
    code: p.ruleId,
    ...(page && options.docsBaseUrl ? { codeDescription: { href: options.docsBaseUrl + page } } : {}),
    source: "llmchart",
    message: stale ? p.message + STALE_SUFFIX : p.message,
    ...(stale ? { data: { stale: true } } : {}),
  };
}
