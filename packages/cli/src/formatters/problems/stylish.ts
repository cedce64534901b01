import { countProblems, type Problem } from "@llmchart/schema";
import pc from "picocolors";
import { oneLine } from "@llmchart/core/errors";
import type { Formatter } from "../types.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Grouped by file, one `line:col  severity  message  rule-id` row per problem, then a summary. */
export const stylish: Formatter = (problems, context) => {
  const c = pc.createColors(context.color);
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(oneLine(file))); // a file name may hold a line break
    const posWidth = Math.max(...list.map((p) => `${p.line}:${p.column}`.length));
    const sevWidth = Math.max(...list.map((p) => p.severity.length));
    for (const p of list) {
      const pos = `${p.line}:${p.column}`.padEnd(posWidth);
      const sevText = p.severity.padEnd(sevWidth);
      const sev = p.severity === "error" ? c.red(sevText) : p.severity === "warning" ? c.yellow(sevText) : c.blue(sevText);
      lines.push(`  ${c.dim(pos)}  ${sev}  ${oneLine(p.message)}  ${c.dim(p.ruleId)}`);
    }
    lines.push("");
  }
  const counts = countProblems(problems);
  const total = problems.length;
  if (total === 0) {
    lines.push(c.green(`✔ ${plural(context.filesChecked, "file")} checked, no problems`));
  } else {
    const summary = `✖ ${plural(total, "problem")} (${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info) in ${plural(context.filesChecked, "file")}`;
    lines.push(counts.error ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
    const fixable = problems.filter((p) => p.fix).length;
    if (fixable) lines.push(c.dim(`  ${plural(fixable, "problem")} fixable with the \`--fix\` option`));
  }
  return lines.join("\n") + "\n";
};
