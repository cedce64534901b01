import { checkConfig, CONFIG_FILE, type Problem, type ResolvedConfig, type RuleMeta, type SourceFile } from "@llmchart/schema";
import { parseCommandArgs } from "../args.js";
import { InputError } from "../errors.js";
import { readConfigSource } from "../files.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { toolVersion } from "../version.js";
import { listValuesFiles } from "../layout.js";
import { writeGeneratedFiles, type Drift, type FileToWrite } from "../write-files.js";

export const renderHelp = `Usage: llmchart render [options]

Regenerates what llmchart.config.yaml describes: the Helm chart (infra/apps/llm/charts/llama-cpp
by default) from its Handlebars templates and the values schema. Files that are up to date are
not touched; generated files that are no longer produced are deleted; hand-written files in a
generated folder are reported and kept.

Options:
  -c, --config <file>  config file (default: ${CONFIG_FILE})
      --check          write nothing: report missing, changed and stale files; exit 1 on drift
  -f, --format <name>  ${FORMAT_NAMES.join(" | ")} (default: stylish), for problems and drift
  -h, --help           show this help

Exit codes: 0 up to date (or written), 1 drift (--check), an invalid config or a hand-written
file in a generated folder, 2 usage error or unreadable config.
`;

/** What one generator contributes: its files and the directories it owns completely. */
export interface GeneratorOutput {
  files: FileToWrite[];
  owned: string[];
  /** Problems the generator found in its inputs (errors stop the write). */
  problems?: Problem[];
}

/** What a generator may read besides the config. */
export interface GeneratorContext {
  /** The repository root; inputs (values files) are read below it. */
  cwd: string;
  /** The parsed config file, so a generator can point its problems at the config. */
  configSource?: SourceFile;
}

/** A generator `render` runs; pure apart from reading inputs under `cwd`. */
export interface RenderGenerator {
  id: string;
  generate(config: ResolvedConfig, context: GeneratorContext): GeneratorOutput | Promise<GeneratorOutput>;
}

/** Everything the generators produced together. */
export interface GeneratedSet {
  files: FileToWrite[];
  owned: string[];
  problems: Problem[];
}

/** The generators, loaded on demand: the chart, then one Argo CD Application per values file. */
export async function loadGenerators(): Promise<RenderGenerator[]> {
  const [chart, sync] = await Promise.all([import("@llmchart/chart"), import("@llmchart/sync")]);
  return [
    {
      id: "chart",
      generate: (config) => ({ files: chart.renderChart(config), owned: [chart.chartDir(config)] }),
    },
    {
      id: "applications",
      generate: (config, { cwd, configSource }) => {
        const paths = sync.layoutPaths(config);
        const { files, problems } = sync.renderApplications(config, listValuesFiles(cwd, paths.valuesDir), configSource);
        return { files, owned: [paths.applicationsDir], problems };
      },
    },
  ];
}

/** The rule ids render reports drift under (for SARIF's tool.driver.rules and the docs). */
export const renderRules: readonly RuleMeta[] = [
  { id: "render/missing", description: "A generated file is missing; `pnpm render` writes it.", defaultSeverity: "error" },
  { id: "render/changed", description: "A generated file was edited or is out of date; `pnpm render` restores it.", defaultSeverity: "error" },
  { id: "render/stale", description: "A generated file is no longer produced; `pnpm render` deletes it.", defaultSeverity: "error" },
  { id: "render/hand-written", description: "A file without the generated header sits in a generated folder; render never deletes it.", defaultSeverity: "error" },
];

/** A drifted file as a problem (what `--check` reports; `llmchart check` reuses it). */
export function driftProblem(d: Drift): Problem {
  const message =
    d.kind === "missing"
      ? "generated file is missing; run `pnpm render` to write it"
      : d.kind === "changed"
        ? `generated file differs from what render produces, from line ${d.line ?? 1}; run \`pnpm render\` to restore it`
        : "generated file is no longer produced; run `pnpm render` to delete it";
  const line = d.line ?? 1;
  return { ruleId: `render/${d.kind}`, severity: "error", message, file: d.path, line, column: 1, endLine: line, endColumn: 1, path: "" };
}

/** A hand-written file in a generated folder as a problem. */
export function handWrittenProblem(path: string): Problem {
  return {
    ruleId: "render/hand-written",
    severity: "error",
    message: "file in a generated folder has no generated header; render never deletes it — move it out or delete it",
    file: path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    path: "",
  };
}

/**
 * Runs every generator and collects their files, owned folders and problems. A layout that
 * points outside the repository (a RangeError from a generator) becomes an InputError naming
 * the config file, not a crash.
 */
export async function runGenerators(config: ResolvedConfig, context: GeneratorContext): Promise<GeneratedSet> {
  const out: GeneratedSet = { files: [], owned: [], problems: [] };
  for (const generator of await loadGenerators()) {
    let result: GeneratorOutput;
    try {
      result = await generator.generate(config, context);
    } catch (err) {
      if (err instanceof RangeError) throw new InputError(context.configSource?.path ?? CONFIG_FILE, err.message);
      throw err;
    }
    out.files.push(...result.files);
    out.owned.push(...result.owned);
    out.problems.push(...(result.problems ?? []));
  }
  return out;
}

/** `llmchart render [--check]`: loads the config from cwd, runs the generators, writes or checks. */
export async function render(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: false,
    options: {
      config: { type: "string", short: "c", default: CONFIG_FILE },
      check: { type: "boolean", default: false },
      format: { type: "string", short: "f", default: "stylish" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values } = parsed;
  if (values.help) {
    io.stdout(renderHelp);
    return 0;
  }
  const formatter = await loadFormatter(values.format ?? "stylish");
  const check = values.check ?? false;
  const configPath = values.config ?? CONFIG_FILE;
  const context = (filesChecked: number) => ({
    color: useColor(io),
    rules: renderRules,
    toolName: "llmchart",
    toolVersion: toolVersion(),
    filesChecked,
  });

  const source = readConfigSource(io.cwd, configPath);
  const checked = checkConfig(source);
  if (!checked.config) {
    io.stdout(formatter(checked.problems, context(1)));
    return 1;
  }
  const config = checked.config;

  const generated = await runGenerators(config, { cwd: io.cwd, configSource: source });
  const { files, owned } = generated;
  const problems = [...checked.problems, ...generated.problems];
  if (problems.some((p) => p.severity === "error")) {
    io.stdout(formatter(problems, context(files.length)));
    return 1;
  }

  const result = writeGeneratedFiles(files, { root: io.cwd, owned, check });
  const hand = result.handWritten.map(handWrittenProblem);
  if (check) {
    io.stdout(formatter([...problems, ...result.drift.map(driftProblem), ...hand], context(files.length)));
    return result.drift.length || hand.length ? 1 : 0;
  }
  if (values.format === "stylish") {
    const verb = { missing: "created", changed: "updated", stale: "deleted" } as const;
    for (const d of result.drift) io.stdout(`${verb[d.kind]} ${d.path}\n`);
    const deleted = result.drift.filter((d) => d.kind === "stale").length;
    io.stdout(`llmchart render: ${result.drift.length - deleted} written, ${deleted} deleted, ${result.unchanged.length} unchanged\n`);
    if (hand.length || problems.length) io.stdout(formatter([...problems, ...hand], context(files.length)));
  } else {
    // Machine-readable output carries problems only: what was written is not a problem.
    io.stdout(formatter([...problems, ...hand], context(files.length)));
  }
  return hand.length ? 1 : 0;
}
