import { lintLayout, oneLine } from "@llmchart/core";
import { parseMaxWarnings } from "../args.js";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { projectOf, report } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { lintSpec } from "../specs.js";

export async function lint(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(lintSpec, argv);
  if (values.help) {
    io.stdout(helpText(lintSpec));
    return 0;
  }
  const format = values.format;
  await loadFormatter(format);
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const project = projectOf(io, values.config);
  const result = await lintLayout({ project, files: positionals, fix: values.fix });
  // What --fix changed goes to stderr, so machine-readable stdout stays one document.
  // before/after are the source text (quotes included), so the line shows exactly what changed.
  for (const f of result.fixed) io.stderr(`fixed ${oneLine(f.file)}:${f.line}:${f.column} ${f.ruleId}: ${oneLine(f.before) || "(nothing)"} → ${oneLine(f.after) || "(nothing)"}\n`);
  return report(io, result.problems, { format, rules: result.rules, filesChecked: result.files.length, quiet: values.quiet, docsBaseUrl: project.config.docs?.baseUrl, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
}
