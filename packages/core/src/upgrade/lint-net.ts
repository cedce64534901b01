import type { Problem } from "@llmchart/schema";
import type { UpgradeFinding } from "./types.js";

// The upgrade's own analysis names what it knows to look for; the lint of the upgraded file
// (every rule, at the target build) catches the rest. A problem is "new" when the current file
// does not have it. Rewrites shift list items, so problems are matched by rule and the text of
// their line, not by path.

function lineText(text: string, line: number): string {
  return (text.split(/\r?\n/)[line - 1] ?? "").trim();
}

function keyOf(p: Problem, text: string): string {
  return `${p.ruleId}\u0000${lineText(text, p.line)}`;
}

/** The line of the original file that reads like `line` of the upgraded one (1 when none does). */
function originalLine(original: string, upgraded: string, line: number): number {
  const wanted = lineText(upgraded, line);
  const lines = original.split(/\r?\n/);
  const same = lines[line - 1]?.trim() === wanted ? line - 1 : lines.findIndex((l) => l.trim() === wanted);
  return same >= 0 ? same + 1 : 1;
}

/**
 * Findings for the errors and warnings the upgraded file gets that the current file does not,
 * leaving out those on a line the analysis already reports on.
 */
export function lintFindings(file: string, original: string, upgraded: string, before: readonly Problem[], after: readonly Problem[], known: readonly UpgradeFinding[]): UpgradeFinding[] {
  const had = new Set(before.map((p) => keyOf(p, original)));
  // A changed default points at `extraArgs:` for want of a line of its own: it hides nothing.
  const reported = new Set(known.filter((f) => f.kind !== "default-changed").map((f) => lineText(original, f.line)));
  const out: UpgradeFinding[] = [];
  for (const p of after) {
    if (p.severity === "info" || had.has(keyOf(p, upgraded))) continue;
    const line = originalLine(original, upgraded, p.line);
    if (line > 1 && reported.has(lineText(original, line))) continue;
    out.push({ kind: "lint", severity: p.severity, subject: p.ruleId, message: p.message, file, line, column: line === p.line ? p.column : 1, path: p.path });
  }
  return out;
}
