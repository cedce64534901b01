import type { Diagnostic } from "vscode-languageserver";
import type { LoadError } from "./backend.js";

/** The first line of what was thrown, for one diagnostic. */
export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
}

/** One diagnostic at the top of a file saying why it was not linted. */
export function notLinted(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: "not-linted", source: "llmchart", message };
}

function configDiagnostic(line: number, column: number, message: string): Diagnostic {
  return {
    range: { start: { line: line - 1, character: column - 1 }, end: { line: line - 1, character: column - 1 } },
    severity: 1,
    code: "config",
    source: "llmchart",
    message,
  };
}

/** The errors a failed project load carries, when it is shaped like the CLI's `InputErrors` (`errors: LoadError[]`). */
function loadErrorsOf(err: unknown): Partial<LoadError>[] {
  const list = (err as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(list) ? (list as Partial<LoadError>[]) : [];
}

/** Where a load error is (`path:line:col`, or the path alone) and what it says there (its `detail`). */
function withoutPlace(e: Partial<LoadError>): { where: string; text: string } {
  const file = e.file ?? "";
  const where = e.line !== undefined && e.column !== undefined ? `${file}:${e.line}:${e.column}` : file;
  return { where, text: e.detail ?? e.message ?? "" };
}

/**
 * Why a project did not load, as diagnostics for the file at `path`: a load error in that file
 * with a position (`line`, `column`) is shown there; any other (another file, no position) at the
 * top, saying the project is not loaded; anything not shaped like `InputErrors`, one at the top.
 */
export function loadErrorDiagnostics(err: unknown, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of loadErrorsOf(err)) {
    const { where, text } = withoutPlace(e);
    if (e.file === path && e.line !== undefined && e.column !== undefined) out.push(configDiagnostic(e.line, e.column, text));
    else out.push(configDiagnostic(1, 1, `project not loaded: ${where}: ${text}`));
  }
  if (!out.length) out.push(configDiagnostic(1, 1, `project not loaded: ${firstLine(err)}`));
  return out;
}
