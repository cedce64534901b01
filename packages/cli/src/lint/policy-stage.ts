import { didYouMean, locate, nodeRange, parseSource, yamlProblems, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join, posix } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { readSourceFile } from "../files.js";
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
  const source = configFile ? readSourceFile(cwd, configFile) : parseSource("llmchart.config.yaml", "");
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

/** The policy stage of `llmchart lint`: the llama.cpp-aware rules over effective values. Loads `@llmchart/policy` on demand. */
export async function createPolicyStage(cwd: string, config: ResolvedConfig, configFile: string | undefined): Promise<LintStage> {
  const policy = await import("@llmchart/policy");
  checkRuleIds(cwd, configFile, config, policy.rules.map((r) => r.id));
  const chart = readChartDefaults(cwd, config);
  return {
    id: "policy",
    rules: policy.policyRules,
    run: (inputs) =>
      policy.lintPolicy(inputs, {
        config,
        ...(chart.source ? { chartDefaults: chart.source } : {}),
        chartDefaultsLabel: chart.label,
      }),
  };
}
