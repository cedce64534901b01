/** How bad a problem is. `error` fails the command (exit 1); `warning` and `info` do not. */
export type Severity = "error" | "warning" | "info";

/** A text edit on the original file: replace `text[range[0]..range[1])` with `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

/**
 * The one problem shape every stage reports (schema, lint, render, sync, manifests).
 * Lines and columns are 1-based; `endLine`/`endColumn` point just past the offending text.
 * `path` is a dotted values path (`resources.limits.cpu`, `extraArgs[3]`), `""` for
 * problems about the file as a whole (YAML syntax, unreadable file).
 */
export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  /** Which of the rule's messages this is (`RuleMeta.messages`), where the rule declares them. */
  messageId?: string;
  /**
   * Facts of the problem for tools, so they never parse a message: `schema/required` carries the
   * missing property's name (`{ missingProperty: "filename" }`; `path` is the mapping that lacks it).
   * Not part of the output formats.
   */
  data?: Readonly<Record<string, string | number>>;
  fix?: Fix;
}

export const severityRank: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Stable order for output: by file, then position, then rule id. */
export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Counts by severity, as formatters and exit codes need them. */
export function countProblems(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/**
 * Facts a lint run says once, whichever file it lands on (`ruleId/messageId`): the same for every
 * file, such as the config's pinned build being newer than the flag data (`image-tag-floating`).
 */
export const RUN_FACTS: ReadonlySet<string> = new Set(["image-tag-floating/configNewerThanData"]);

/**
 * `problems` (sorted) with each run fact kept on its first file only: results put together from
 * several lint calls (check's cached files beside freshly linted ones) say it once, as one run does.
 */
export function sayRunFactsOnce(problems: readonly Problem[]): Problem[] {
  const said = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.ruleId}/${p.messageId ?? ""}`;
    if (!RUN_FACTS.has(key)) return true;
    if (said.has(key)) return false;
    said.add(key);
    return true;
  });
}
