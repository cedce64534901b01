import { didYouMean, locate, nodeRange, parseSource, toData, yamlProblems, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join, posix } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { readConfigSource, readSourceFile, readSourceText } from "../files.js";
import type { LintStage } from "./pipeline.js";

/** Where the chart's values.yaml lives, relative to the working directory (`<layout.root>/<layout.chartDir>/values.yaml`). */
export function chartValuesPath(config: ResolvedConfig): string {
  return posix.join(config.layout.root, config.layout.chartDir, "values.yaml");
}

/** The chart defaults the policy rules merge each values file over, and how messages name them. */
export interface ChartDefaults {
  source: SourceFile | undefined;
  label: string;
}

/**
 * Reads the chart's values.yaml. When the chart has not been generated yet, the policy package
 * falls back to the defaults the generator writes (the values schema's `default`s and the
 * config's pinned images); messages that rely on one of them say so.
 */
export function readChartDefaults(cwd: string, config: ResolvedConfig): ChartDefaults {
  const rel = chartValuesPath(config);
  if (!existsSync(join(cwd, rel))) return { source: undefined, label: `the values schema's default; ${rel} not found` };
  const source = readSourceFile(cwd, rel);
  const errors = yamlProblems(source).filter((p) => p.severity === "error");
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(`${p.file}:${p.line}:${p.column}`, `chart defaults: ${p.message}`)));
  return { source, label: source.path };
}

/**
 * Rule ids in the config's `rules:` must name policy rules: a typo would silently leave the
 * rule at its default severity, and schema/YAML problems are what Helm itself rejects.
 */
function checkRuleIds(cwd: string, configFile: string | undefined, config: ResolvedConfig, known: readonly string[]): void {
  const bad = Object.keys(config.rules).filter((id) => !known.includes(id));
  if (!bad.length) return;
  const source = configFile ? readConfigSource(cwd, configFile) : parseSource("llmchart.config.yaml", "", { yaml: "1.2" });
  throw new InputErrors(
    bad.map((id) => {
      const loc = locate(source.doc, ["rules", id]);
      const range = nodeRange(loc.keyNode ?? loc.nearest);
      const pos = range ? source.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
      const hint = didYouMean(id, known);
      const why = /^(schema|yaml)\//.test(id)
        ? "schema and YAML problems cannot be configured (Helm rejects those values itself)"
        : `unknown rule${hint ? ` — did you mean "${hint}"?` : " (see docs/rules/README.md)"}`;
      return new InputError(`${source.path}:${pos.line}:${pos.col}`, `rules.${id}: ${why}`);
    }),
  );
}

/**
 * Where the chart defaults' plain data may be remembered between runs (`llmchart check` keeps it
 * in its cache, keyed by the file's path and text): a hit spares parsing the chart's values.yaml.
 * Only a file that parsed without errors is ever stored.
 */
export interface ChartDefaultsCache {
  get(path: string, text: string): Record<string, unknown> | undefined;
  set(path: string, text: string, data: Record<string, unknown>): void;
}

/** The chart defaults as plain data (undefined without a chart), and how messages name them. */
function chartDefaultsData(cwd: string, config: ResolvedConfig, cache: ChartDefaultsCache | undefined): { data: Record<string, unknown> | undefined; label: string } {
  if (cache && existsSync(join(cwd, chartValuesPath(config)))) {
    const { path, text } = readSourceText(cwd, chartValuesPath(config));
    const hit = cache.get(path, text);
    if (hit) return { data: hit, label: path };
  }
  const chart = readChartDefaults(cwd, config);
  if (!chart.source) return { data: undefined, label: chart.label };
  // Plain data, converted once: handing the parsed file over would convert the whole chart
  // values.yaml again for every values file merged over it (what the policy merge does with a
  // SourceFile). Unreadable data means no defaults, as the merge itself treats it.
  const read = toData(chart.source);
  const data = read.ok && read.data && typeof read.data === "object" && !Array.isArray(read.data) ? (read.data as Record<string, unknown>) : {};
  cache?.set(chart.source.path, chart.source.text, data);
  return { data, label: chart.label };
}

/** The policy stage of `llmchart lint`: the llama.cpp-aware rules over effective values. Loads `@llmchart/policy` on demand. */
export async function createPolicyStage(cwd: string, config: ResolvedConfig, configFile: string | undefined, defaultsCache?: ChartDefaultsCache): Promise<LintStage> {
  const policy = await import("@llmchart/policy");
  checkRuleIds(cwd, configFile, config, policy.rules.map((r) => r.id));
  const { data: defaults, label } = chartDefaultsData(cwd, config, defaultsCache);
  return {
    id: "policy",
    rules: policy.policyRules,
    run: (inputs) =>
      policy.lintPolicy(inputs, {
        config,
        ...(defaults ? { chartDefaults: defaults } : {}),
        chartDefaultsLabel: label,
      }),
  };
}
