import type { Problem } from "@llmchart/schema";
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { toDiagnostic, type DiagnosticOptions } from "./diagnostics.js";

/** Rule ids a disable comment honours: policy rules (schema, YAML and config problems cannot be silenced). */
export function isDisableable(ruleId: string): boolean {
  return !ruleId.includes("/") && ruleId !== "unused-disable";
}

function overlaps(p: Problem, range: Range): boolean {
  return p.line - 1 <= range.end.line && p.endLine - 1 >= range.start.line;
}

const NEXT_LINE = /^(\s*#\s*llmchart-disable-next-line)(?![\w-])([^\n\r]*)$/;
const FILE = /^(\s*#\s*llmchart-disable)(?![\w-])([^\n\r]*)$/;

/** Adds `id` to the directive on `line` when it has a rule list and no reason yet; else undefined. */
function extendDirective(doc: TextDocument, line: number, pattern: RegExp, id: string): TextEdit | undefined {
  const text = doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, "");
  const m = pattern.exec(text);
  if (!m || m[2]!.includes("--")) return undefined;
  const ids = m[2]!.trim();
  if (!ids) return undefined; // already silences every rule
  if (ids.split(/[\s,]+/).includes(id)) return undefined;
  const end = text.replace(/\s+$/, "").length;
  return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `, ${id}` };
}

function disableLine(doc: TextDocument, p: Problem): TextEdit {
  const line = p.line - 1;
  if (line > 0) {
    const extended = extendDirective(doc, line - 1, NEXT_LINE, p.ruleId);
    if (extended) return extended;
  }
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? "";
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# llmchart-disable-next-line ${p.ruleId}\n` };
}

function disableFile(doc: TextDocument, p: Problem): TextEdit {
  const lines = doc.getText().split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (NEXT_LINE.test(lines[i]!) || !FILE.test(lines[i]!)) continue;
    const extended = extendDirective(doc, i, FILE, p.ruleId);
    if (extended) return extended;
  }
  // Below the `$schema` modeline, which editors look for on the first line.
  const at = /^#\s*yaml-language-server:/.test(lines[0] ?? "") ? 1 : 0;
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `# llmchart-disable ${p.ruleId}\n` };
}

/**
 * Quick fixes for the problems of `doc` under `range`: each problem's `--fix` edit, and comments
 * that disable its rule for the line or the file. `problems` must come from linting exactly
 * `doc`'s current text (their fix offsets index into it).
 */
export function codeActions(doc: TextDocument, problems: readonly Problem[], range: Range, options: DiagnosticOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const p of problems.filter((q) => overlaps(q, range))) {
    const diagnostic: Diagnostic = toDiagnostic(p, options);
    const action = (title: string, edit: TextEdit, preferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(preferred ? { isPreferred: true } : {}),
      edit: { changes: { [doc.uri]: [edit] } },
    });
    if (p.fix) {
      const replace = { start: doc.positionAt(p.fix.range[0]), end: doc.positionAt(p.fix.range[1]) };
      actions.push(action(`Fix ${p.ruleId}: ${p.fix.text === "" ? "remove" : `write ${p.fix.text}`}`, { range: replace, newText: p.fix.text }, true));
    }
    if (isDisableable(p.ruleId)) {
      actions.push(action(`Disable ${p.ruleId} for this line`, disableLine(doc, p)));
      actions.push(action(`Disable ${p.ruleId} for this file`, disableFile(doc, p)));
    }
  }
  return actions;
}
