import type { Problem } from "@llmchart/schema";

/** The suffix a stale diagnostic's message carries (see docs/editors.md). */
export const STALE_SUFFIX = " (stale: the file does not parse)";

/** A YAML error stops the file: nothing else of it was judged. */
function isYamlError(p: Problem): boolean {
  return p.severity === "error" && p.ruleId.startsWith("yaml/");
}

/** Whether the lint of a buffer stopped at YAML errors (a half-typed line), so it judged nothing else. */
export function doesNotParse(problems: readonly Problem[]): boolean {
  return problems.some(isYamlError);
}

/**
 * The problems of an earlier text (`before`) on the lines an edit left alone, moved to where those
 * lines are in `after`: lines before the first changed line keep their number, lines after the last
 * changed line move by the number of lines added or removed. A problem touching a changed line is
 * dropped, as are YAML errors (the new text has its own) and fixes (their offsets are the old
 * text's). Positions are 1-based, as in `Problem`.
 */
export function carryOver(before: string, after: string, problems: readonly Problem[]): Problem[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const shift = b.length - a.length;
  // 1-based line numbers of `before`: 1..head unchanged in place, from tailStart on moved by `shift`.
  const tailStart = a.length - tail + 1;
  const out: Problem[] = [];
  for (const { fix: _offsetsInTheOldText, ...p } of problems) {
    if (isYamlError(p)) continue;
    if (p.endLine <= head) out.push(p);
    else if (p.line >= tailStart) out.push({ ...p, line: p.line + shift, endLine: p.endLine + shift });
  }
  return out;
}
