import { chartValues } from "@llmchart/chart";
import { toData, yamlProblems, type SourceFile } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { readSourceFile, readSourceText } from "../files.js";
import type { Project } from "../project.js";
import type { LintStage } from "./pipeline.js";

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
export function readChartDefaults(project: Project): ChartDefaults {
  const rel = project.layout.chartValues;
  if (!existsSync(join(project.root, rel))) return { source: undefined, label: `the values schema's default; ${rel} not found` };
  const source = readSourceFile(project.root, rel);
  const errors = yamlProblems(source).filter((p) => p.severity === "error");
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(`${p.file}:${p.line}:${p.column}`, `chart defaults: ${p.message}`)));
  return { source, label: source.path };
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

/** What `render` would write into the chart's values.yaml (the chart generator's own values). */
function generatedChartValues(project: Project): Record<string, unknown> {
  return chartValues(project.config);
}

/** The chart defaults as plain data (the generator's values without a chart), and how messages name them. */
export function chartDefaultsData(project: Project, cache?: ChartDefaultsCache): { data: Record<string, unknown>; label: string } {
  if (cache && existsSync(join(project.root, project.layout.chartValues))) {
    const { path, text } = readSourceText(project.root, project.layout.chartValues);
    const hit = cache.get(path, text);
    if (hit) return { data: hit, label: path };
  }
  const chart = readChartDefaults(project);
  // No chart generated yet: the values the generator would write, from the one place that makes them.
  if (!chart.source) return { data: generatedChartValues(project), label: chart.label };
  // Plain data, converted once: handing the parsed file over would convert the whole chart
  // values.yaml again for every values file merged over it (what the policy merge does with a
  // SourceFile). Unreadable data means no defaults, as the merge itself treats it.
  const read = toData(chart.source);
  const data = read.ok && read.data && typeof read.data === "object" && !Array.isArray(read.data) ? (read.data as Record<string, unknown>) : {};
  cache?.set(chart.source.path, chart.source.text, data);
  return { data, label: chart.label };
}

/** The policy stage: the llama.cpp-aware rules over effective values. Loads `@llmchart/policy` on demand. */
export async function createPolicyStage(project: Project, defaultsCache?: ChartDefaultsCache): Promise<LintStage> {
  const policy = await import("@llmchart/policy");
  const { data: defaults, label } = chartDefaultsData(project, defaultsCache);
  return {
    id: "policy",
    rules: policy.policyRules,
    // Helm validates the values merged over the chart's values.yaml, maps deeply: a values file
    // that sets podSecurityContext.seccompProfile.localhostProfile alone still has the chart's
    // seccompProfile.type. A "missing required property" the merged values do have is not one.
    prepare: (inputs) => {
      for (const input of inputs) {
        if (!input.checked.problems.some((p) => p.ruleId === "schema/required" && p.path)) continue;
        const merged = policy.mergeValues(defaults, input.source).data;
        input.checked.problems = input.checked.problems.filter((p) => {
          if (p.ruleId !== "schema/required" || !p.path) return true;
          const missing = /missing required property "(.+)"$/.exec(p.message)?.[1];
          const at = policy.getIn(merged, p.path);
          return !(missing && at && typeof at === "object" && !Array.isArray(at) && missing in at);
        });
      }
    },
    run: (inputs) =>
      policy.lintPolicy(inputs, {
        config: project.config,
        chartDefaults: defaults,
        chartDefaultsLabel: label,
      }),
  };
}
