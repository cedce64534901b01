import type { ModelLock } from "./lock.js";
import { defaultConfig, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import type { EffectiveValues } from "./types.js";
import { effectiveModel } from "./effective.js";
import type { MemoryEstimate } from "./memory.js";
import type { ValuesInput } from "./merge.js";
import type { ModelEstimate } from "./model.js";
import type { ServerArgs } from "./server-args.js";

/** What the policy rules see of one values file, for tools that explain it (editor hovers). */
export interface ValuesInsight {
  /** Effective values: chart defaults merged as Helm merges them. */
  values: EffectiveValues;
  /** The server's options (extraArgs + extraEnv + what the chart adds). */
  args: ServerArgs;
  model: ModelEstimate | undefined;
  /** The memory estimate the memory rules judge `resources.limits.memory` by; undefined when the model size is unknown. */
  memory: MemoryEstimate | undefined;
}

/**
 * The effective values, server options, model estimate and memory estimate of a values file,
 * exactly as `lintPolicy` computes them for its rules (it is `effectiveModel`), for tools that
 * explain a file (editor hovers).
 */
export function inspectValues(source: SourceFile, options: { config?: ResolvedConfig; chartDefaults?: ValuesInput; modelLock?: ModelLock | undefined } = {}): ValuesInsight {
  const m = effectiveModel(source, { config: options.config ?? defaultConfig, ...(options.chartDefaults ? { chartDefaults: options.chartDefaults } : {}), modelLock: options.modelLock });
  return { values: m.values, args: m.args, model: m.model, memory: m.estimate };
}
