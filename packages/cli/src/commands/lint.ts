import { countProblems, parseSource, type SourceFile } from "@llmchart/schema";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseCommandArgs, parseMaxWarnings } from "../args.js";
import { writeFileAtomic } from "../atomic.js";
import { InputError } from "../errors.js";
import { defaultValuesFiles, describeFsError, readSourceFiles } from "../files.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { loadConfig, type LoadedConfig } from "../lint/config.js";
import { lintSources, type LintResult, type LintStage } from "../lint/pipeline.js";
import { createPolicyStage, type ChartDefaultsCache } from "../lint/policy-stage.js";
import { editTarget } from "../safe-path.js";
import { toolVersion } from "../version.js";

export const lintHelp = `Usage: llmchart lint [options] [files...]

Validate values files against the values schema and the policy rules, judged on the
effective values (the chart's values.yaml merged with each file as Helm merges them).
Without files, lints every infra/apps/llm/values/*.yaml. Reads llmchart.config.yaml
(rule severities under rules:) from the working directory when present.

Options:
  -f, --format <name>     ${FORMAT_NAMES.join(" | ")} (default: stylish)
      --fix               apply safe fixes (-m path, --port, loopback --host) to the files,
                          keeping comments and quoting, then report what remains
      --max-warnings <n>  exit 1 when there are more than n warnings
      --quiet             report errors only
  -h, --help              show this help

Silence a rule in a values file with "# llmchart-disable-next-line <rule-id>" above the
line, or "# llmchart-disable <rule-id>" anywhere for the whole file. Rules: docs/rules/.

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable input.
`;

/** Fix passes before giving up: a fix may reveal another (ESLint uses 10 as well). */
export const MAX_FIX_PASSES = 10;

/** Stages after the schema: the policy linter, with the config and chart defaults of `cwd`. */
export async function loadStages(cwd: string, loaded: LoadedConfig = loadConfig(cwd), defaultsCache?: ChartDefaultsCache): Promise<LintStage[]> {
  return [await createPolicyStage(cwd, loaded.config, loaded.file, defaultsCache)];
}

/**
 * Applies the fixes of `result` to each file, re-lints, and repeats until nothing changes.
 * Returns the final sources and result; files are not written here.
 */
async function fixUntilStable(
  sources: SourceFile[],
  result: LintResult,
  stages: readonly LintStage[],
  cwd: string,
): Promise<{ sources: SourceFile[]; result: LintResult }> {
  const { applyFixes } = await import("@llmchart/policy");
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    const next = sources.map((s) => {
      const text = applyFixes(s, result.problems);
      if (text === s.text) return s;
      changed = true;
      return parseSource(s.path, text);
    });
    if (!changed) break;
    sources = next;
    result = await lintSources(sources, stages, { cwd });
  }
  return { sources, result };
}

export async function lint(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f", default: "stylish" },
      fix: { type: "boolean", default: false },
      "max-warnings": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(lintHelp);
    return 0;
  }
  const formatter = await loadFormatter(values.format ?? "stylish");
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);

  const paths = positionals.length ? positionals : defaultValuesFiles(io.cwd);
  let sources = readSourceFiles(io.cwd, paths);
  const stages = await loadStages(io.cwd);
  let result = await lintSources(sources, stages, { cwd: io.cwd });

  if (values.fix) {
    const original = new Map(sources.map((s) => [s.path, s.text]));
    ({ sources, result } = await fixUntilStable(sources, result, stages, io.cwd));
    const fixed = sources.filter((s) => original.get(s.path) !== s.text);
    // Every target is checked before the first write: a refused one leaves all files as they were.
    const targets = new Map(fixed.map((s) => [s, editTarget(io.cwd, resolve(io.cwd, s.path), s.path)]));
    for (const s of fixed) {
      const abs = targets.get(s)!;
      try {
        writeFileAtomic(abs, s.text, statSync(abs).mode & 0o777);
      } catch (err) {
        throw new InputError(s.path, `cannot write the fixed file: ${describeFsError(err)}`);
      }
    }
  }

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
