import { countProblems } from "@llmchart/schema";
import { parseArgs } from "node:util";
import { UsageError } from "../errors.js";
import { defaultValuesFiles, readSourceFiles } from "../files.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { lintSources, type LintStage } from "../lint/pipeline.js";
import { toolVersion } from "../version.js";

export const lintHelp = `Usage: llmchart lint [options] [files...]

Validate values files against the values schema (and the policy rules).
Without files, lints every infra/apps/llm/values/*.yaml.

Options:
  -f, --format <name>     ${FORMAT_NAMES.join(" | ")} (default: stylish)
      --max-warnings <n>  exit 1 when there are more than n warnings
      --quiet             report errors only
  -h, --help              show this help

Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

/** Extra stages after the schema (the policy linter plugs in here). */
export async function loadStages(): Promise<LintStage[]> {
  return [];
}

export async function lint(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(lintHelp);
    return 0;
  }
  const formatter = await loadFormatter(values.format ?? "stylish");
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings expects a non-negative integer, got "${values["max-warnings"]}"`);
    }
  }

  const paths = positionals.length ? positionals : defaultValuesFiles(io.cwd);
  const sources = readSourceFiles(io.cwd, paths);
  const stages = await loadStages();
  const result = await lintSources(sources, stages, { cwd: io.cwd });
  const problems = values.quiet ? result.problems.filter((p) => p.severity === "error") : result.problems;

  io.stdout(
    formatter(problems, {
      color: useColor(io),
      rules: result.rules,
      toolName: "llmchart",
      toolVersion: toolVersion(),
      filesChecked: sources.length,
    }),
  );
  const counts = countProblems(result.problems);
  if (counts.error > 0) return 1;
  if (maxWarnings !== undefined && counts.warning > maxWarnings) {
    io.stderr(`llmchart: ${counts.warning} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
