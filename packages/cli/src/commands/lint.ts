import { lintLayout, oneLine } from "@llmchart/core";
import { parseCommandArgs, parseMaxWarnings } from "../args.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { projectOf, report } from "../output.js";

export const lintHelp = `Usage: llmchart lint [options] [files...]

Validate values files against the values schema and the policy rules, judged on the
effective values (the chart's values.yaml merged with each file as Helm merges them).
Without files, lints every values file of the layout in llmchart.config.yaml (found from the
working directory upwards to the repository root, or given with -c).

Options:
  -c, --config <file>     config file (default: the nearest llmchart.config.yaml)
  -f, --format <name>     ${FORMAT_NAMES.join(" | ")} (default: stylish)
      --fix               apply safe fixes (-m path, --port, loopback --host) to the files,
                          keeping comments and quoting; prints one line per change
      --max-warnings <n>  exit 1 when there are more than n warnings
  -q, --quiet             report errors only
  -h, --help              show this help

Silence a rule in a values file with "# llmchart-disable-next-line <rule-id>" above the
line, or "# llmchart-disable <rule-id>" anywhere for the whole file. Rules: docs/rules/.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable input.
`;

export async function lint(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      format: { type: "string", short: "f", default: "stylish" },
      fix: { type: "boolean", default: false },
      "max-warnings": { type: "string" },
      quiet: { type: "boolean", short: "q", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(lintHelp);
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
