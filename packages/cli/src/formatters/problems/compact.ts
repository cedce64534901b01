import { countProblems } from "@llmchart/schema";
import { oneLine } from "@llmchart/core/errors";
import type { Formatter } from "../types.js";

/**
 * One line per problem, `file:line:col severity rule-id message`, the form editors and terminals
 * turn into links; what the pre-commit hook prints. A last line counts them.
 */
export const compact: Formatter = (problems) => {
  if (!problems.length) return "";
  // A line break in a message (a key or name that holds one) is escaped as `\n`, as stylish does:
  // turned into a space it would read as a different key.
  const lines = problems.map((p) => `${oneLine(p.file)}:${p.line}:${p.column} ${p.severity} ${p.ruleId} ${oneLine(p.message)}`);
  const c = countProblems(problems);
  lines.push(`${problems.length} problem${problems.length === 1 ? "" : "s"} (${c.error} error${c.error === 1 ? "" : "s"}, ${c.warning} warning${c.warning === 1 ? "" : "s"}, ${c.info} info)`);
  return lines.join("\n") + "\n";
};
