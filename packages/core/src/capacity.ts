import type { CapacityModelInput, CapacityReport } from "@llmchart/capacity";
import { checkValues, parseSource, type Problem, type SourceFile } from "@llmchart/schema";
import { InputError } from "./errors.js";
import { readSourceText } from "./files.js";
import { chartDefaults, type ChartDefaults } from "./lint/chart-defaults.js";
import type { Project } from "./project.js";
import { listValuesFiles } from "./values-files.js";

export interface CapacityProjectResult {
  report: CapacityReport;
  inputs: CapacityModelInput[];
  /** Values files left out because they cannot be read or have YAML/schema errors (lint reports why). */
  skipped: string[];
}

/**
 * What every model needs and whether the models fit on the configured node pools: the values
 * files that lint without YAML or schema errors, merged over the chart defaults and sized with
 * the lock file exactly as the policy rules see them, planned by `@llmchart/capacity`
 * (first-fit decreasing per pool). `defaults`: the chart defaults as the run already read them.
 */
export async function capacityProject(
  project: Project,
  extra: readonly { path: string; text: string }[] = [],
  replace?: ReadonlyMap<string, string | null>,
  defaults: ChartDefaults = chartDefaults(project),
): Promise<CapacityProjectResult> {
  const cap = await import("@llmchart/capacity");
  const listing = listValuesFiles(project.root, project.layout.valuesDir);
  const skipped = listing.problems.map((p) => p.file);
  const sources: SourceFile[] = [];
  // `replace`: values files as another revision holds them (null: not there), e.g. the base of a commit.
  const listed = listing.files.filter((f) => !replace?.has(f)).map((f) => ({ path: f, text: undefined as string | undefined }));
  const replaced = [...(replace ?? [])].flatMap(([path, text]) => (text === null ? [] : [{ path, text }]));
  const docs = [...listed, ...replaced, ...extra];
  for (const d of docs) {
    let text = d.text;
    if (text === undefined) {
      try {
        text = readSourceText(project.root, d.path).text;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        skipped.push(d.path);
        continue;
      }
    }
    const source = parseSource(d.path, text);
    if (checkValues(source).problems.some((p) => p.severity === "error")) skipped.push(d.path);
    else sources.push(source);
  }
  const { data } = defaults.data();
  const inputs = cap.capacityInputs(sources, { chartDefaults: data, config: project.config, modelLock: project.modelLock() });
  return { report: cap.planCapacity({ models: inputs, config: project.config }), inputs, skipped };
}

/**
 * `capacity/does-not-fit` and `capacity/overcommit` for `check`, when node pools are configured;
 * with `replace`, for the values files as another revision holds them (see capacityProject).
 */
export async function capacityCheckProblems(project: Project, replace?: ReadonlyMap<string, string | null>, defaults?: ChartDefaults): Promise<Problem[]> {
  if (!project.config.capacity.nodePools.length) return [];
  const cap = await import("@llmchart/capacity");
  const { report, inputs } = await capacityProject(project, [], replace, defaults);
  return cap.capacityProblems(report, inputs, project.config);
}
