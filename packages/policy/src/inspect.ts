import { str } from "./rule-utils.js";
import { defaultConfig, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { fallbackChartDefaults } from "./defaults.js";
import { getIn, toSegments, type EffectiveValues, type RuleContext } from "./define-rule.js";
import { chartAddsFor } from "./engine.js";
import { memoryNeed, type MemoryNeed } from "./memory.js";
import { mergeValues, type ValuesInput } from "./merge.js";
import { estimateModel, type ModelEstimate } from "./model.js";
import { parseServerArgs, type ServerArgs } from "./server-args.js";

/** What the policy rules see of one values file, for tools that explain it (editor hovers). */
export interface ValuesInsight {
  /** Effective values: chart defaults merged as Helm merges them. */
  values: EffectiveValues;
  /** The server's options (extraArgs + extraEnv + what the chart adds). */
  args: ServerArgs;
  model: ModelEstimate | undefined;
  /** The memory estimate the memory rules judge `resources.limits.memory` by; undefined when the model size is unknown. */
  memory: MemoryNeed | undefined;
}

/**
 * The effective values, server options, model estimate and memory need of a values file,
 * computed exactly as `lintPolicy` computes them for its rules (same merge, same chart-added
 * arguments), without running any rule.
 */
export function inspectValues(source: SourceFile, options: { config?: ResolvedConfig; chartDefaults?: ValuesInput } = {}): ValuesInsight {
  const config = options.config ?? defaultConfig;
  const merged = mergeValues(options.chartDefaults ?? fallbackChartDefaults(config), source);
  const values = merged.data as EffectiveValues;
  const args = parseServerArgs(values.extraArgs, values.extraEnv, chartAddsFor(values));
  const model = estimateModel(values.model?.filename, values.model?.repoId);
  const ctx: RuleContext = {
    file: source,
    values,
    get: (path) => getIn(values, path),
    text: (path) => str(getIn(values, path)),
    origin: (path) => merged.originOf(toSegments(path)),
    node: (path) => {
      const o = merged.originOf(toSegments(path));
      return o.kind === "values" ? o.node : undefined;
    },
    keptNulls: merged.keptNulls,
    args,
    model,
    config,
    report: () => {},
  };
  return { values, args, model, memory: memoryNeed(ctx) };
}
