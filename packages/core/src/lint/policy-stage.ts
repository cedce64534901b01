import type { Project } from "../project.js";
import { chartDefaults, type ChartDefaults, type ChartDefaultsCache } from "./chart-defaults.js";
import type { LintStage } from "./pipeline.js";

export { chartDefaults, chartDefaultsData, type ChartDefaults, type ChartDefaultsCache, type ChartDefaultsData } from "./chart-defaults.js";

/** How a lint run says facts that hold for all its files. */
export interface StageOptions {
  /** Say them (once per run); false in an editor, which lints a buffer at a time (default true). */
  runFacts?: boolean;
  /** The chart defaults as this run already read them (check reads them once for every stage); default: read here. */
  chartDefaults?: ChartDefaults;
}

/** The policy stage: the llama.cpp-aware rules over effective values. Loads `@llmchart/policy` on demand. */
export async function createPolicyStage(project: Project, defaultsCache?: ChartDefaultsCache, options: StageOptions = {}): Promise<LintStage> {
  const policy = await import("@llmchart/policy");
  const { data: defaults, label } = (options.chartDefaults ?? chartDefaults(project)).data(defaultsCache);
  // One run: a fact that holds for every file (the config's pin is newer than the flag data) is said once across its batches.
  const said = new Set<string>();
  // Read once per stage: every values file is judged with the same lock (never the network).
  const modelLock = project.modelLock();
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
          const missing = p.data?.missingProperty;
          const at = policy.getIn(merged, p.path);
          return !(typeof missing === "string" && at && typeof at === "object" && !Array.isArray(at) && missing in at);
        });
      }
    },
    run: (inputs) =>
      policy.lintPolicy(inputs, {
        config: project.config,
        chartDefaults: defaults,
        chartDefaultsLabel: label,
        // A default the config's `defaults:` sets is named there, where a person edits it.
        configSource: project.configSource,
        said,
        runFacts: options.runFacts ?? true,
        modelLock,
      }),
  };
}
