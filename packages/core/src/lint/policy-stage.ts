import { chartValues } from "@llmchart/chart";
import { toData, yamlProblems } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { parseSourceText, readSourceText } from "../files.js";
import type { Project } from "../project.js";
import type { LintStage } from "./pipeline.js";

/**
 * Where the chart defaults' plain data may be remembered between runs (`llmchart check` keeps it
 * in its cache, keyed by the file's path and text): a hit spares parsing the chart's values.yaml.
 * Only a file that parsed without errors is ever stored.
 */
export interface ChartDefaultsCache {
  get(path: string, text: string): Record<string, unknown> | undefined;
  set(path: string, text: string, data: Record<string, unknown>): void;
}

/**
 * The chart defaults every values file is merged over, as plain data, and how messages name
 * them: the chart's values.yaml, read once (its data from `cache` when the text is known there),
 * or — before the chart is generated — the values the generator would write into it. A values.yaml
 * with YAML errors is unusable input (InputErrors, exit 2).
 */
export function chartDefaultsData(project: Project, cache?: ChartDefaultsCache): { data: Record<string, unknown>; label: string } {
  const rel = project.layout.chartValues;
  if (!existsSync(join(project.root, rel))) return { data: chartValues(project.config), label: `the values schema's default; ${rel} not found` };
  const read = readSourceText(project.root, rel);
  const hit = cache?.get(read.path, read.text);
  if (hit) return { data: hit, label: read.path };
  const source = parseSourceText(read);
  const errors = yamlProblems(source).filter((p) => p.severity === "error");
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(p.file, `chart defaults: ${p.message}`, { line: p.line, column: p.column })));
  // Plain data, converted once: handing the parsed file over would convert the whole chart
  // values.yaml again for every values file merged over it (what the policy merge does with a
  // SourceFile). Unreadable data means no defaults, as the merge itself treats it.
  const asData = toData(source);
  const data = asData.ok && asData.data && typeof asData.data === "object" && !Array.isArray(asData.data) ? (asData.data as Record<string, unknown>) : {};
  cache?.set(source.path, source.text, data);
  return { data, label: source.path };
}

/** How a lint run says facts that hold for all its files. */
export interface StageOptions {
  /** Say them (once per run); false in an editor, which lints a buffer at a time (default true). */
  runFacts?: boolean;
}

/** The policy stage: the llama.cpp-aware rules over effective values. Loads `@llmchart/policy` on demand. */
export async function createPolicyStage(project: Project, defaultsCache?: ChartDefaultsCache, options: StageOptions = {}): Promise<LintStage> {
  const policy = await import("@llmchart/policy");
  const { data: defaults, label } = chartDefaultsData(project, defaultsCache);
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
