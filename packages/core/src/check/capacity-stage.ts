import type { Problem } from "@llmchart/schema";
import { capacityCheckProblems } from "../capacity.js";
import type { ChartDefaults } from "../lint/chart-defaults.js";
import { configuredSeverities } from "../lint/severities.js";
import type { Project } from "../project.js";
import { judgeWhatChanged } from "./context.js";
import type { ScopeResult } from "./scope.js";

/**
 * The capacity stage: whether the models fit on the configured node pools — a judgement over all
 * models, so it runs with the config — with the config's `rules:` severities, like policy rules
 * ("off" drops a finding). A hook judges what the change touches: the other models' findings are
 * context unless it caused them.
 */
export async function capacityStage(project: Project, { scope, base }: ScopeResult, defaults: ChartDefaults): Promise<Problem[]> {
  if (!scope.config && !scope.values.length) return [];
  const capacity = await configuredSeverities(await capacityCheckProblems(project, undefined, defaults), project.config);
  if (!scope.changed) return capacity;
  return judgeWhatChanged(capacity, project, { values: scope.values, config: scope.config, changed: scope.changed }, base, defaults);
}
