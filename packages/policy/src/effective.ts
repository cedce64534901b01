import { str } from "./rule-utils.js";
import { defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { posix } from "node:path";
import { fallbackChartDefaults } from "./defaults.js";
import type { EffectiveValues } from "./define-rule.js";
import type { ModelLock } from "./lock.js";
import { estimateFor, type MemoryEstimate, type MemoryServerDefaults } from "./memory.js";
import { mergeValues, type MergedValues, type ValuesInput } from "./merge.js";
import { modelOfValues, type ModelEstimate } from "./model.js";
import { parseServerArgs, type ChartAddedArgs, type ServerArgs } from "./server-args.js";

export interface EffectiveModelOptions {
  /** The pinned images (for the fallback chart defaults). Default: the built-in config. */
  config?: ResolvedConfig;
  /** The chart's values.yaml (parsed, or as data). Default: `fallbackChartDefaults(config)`. */
  chartDefaults?: ValuesInput;
  /** The project's lock file (`llmchart models pin`): a pinned model's size and shape come from it. */
  modelLock?: ModelLock | undefined;
  /** The defaults of the server's build that size memory (default: the newest build's); the memory benchmark passes the defaults a llama-server binary states. */
  serverDefaults?: MemoryServerDefaults | undefined;
}

/** A values file as the cluster would see it, and what the rules derive from it. */
export interface EffectiveModel {
  /** The merge with provenance (`originOf`) for positioning problems. */
  readonly merged: MergedValues;
  /** Effective values: chart defaults merged as Helm merges them. */
  readonly values: EffectiveValues;
  /** The server's options: extraArgs + extraEnv + what the chart adds. */
  readonly args: ServerArgs;
  /** Size and shape: pinned in the lock, else from model.filename / repoId / sizeBytes. */
  readonly model: ModelEstimate | undefined;
  /** The memory estimate (`estimateFor`), undefined when the file size is unknown. */
  readonly estimate: MemoryEstimate | undefined;
}

/** What the chart's deployment template adds to the server's arguments when the values leave them out. */
export function chartAddsFor(values: EffectiveValues): ChartAddedArgs {
  const filename = str(values.model?.filename);
  const mountPath = str(values.volume?.models?.mountPath) ?? "/models";
  return {
    ...(filename ? { model: posix.join(mountPath, filename) } : {}),
    host: "0.0.0.0",
    port: typeof values.service?.port === "number" ? values.service.port : 8080,
    metrics: (values.metrics as { enabled?: unknown } | undefined)?.enabled === true,
  };
}

/**
 * The effective model of a values file — exactly what `lintPolicy` hands its rules: the
 * values merged over the chart defaults, the server options, the model estimate and the memory
 * estimate. `llmchart capacity` and `llmchart new` call this so their numbers are the rules'.
 * `values` is a parsed values file (positions kept for `merged.originOf`) or plain data.
 */
export function effectiveModel(values: ValuesInput, options: EffectiveModelOptions = {}): EffectiveModel {
  const chartDefaults = options.chartDefaults ?? fallbackChartDefaults(options.config ?? defaultConfig);
  const merged = mergeValues(chartDefaults, values);
  const data = merged.data as EffectiveValues;
  const args = parseServerArgs(data.extraArgs, data.extraEnv, chartAddsFor(data));
  const model = modelOfValues(data.model, options.modelLock);
  return { merged, values: data, args, model, estimate: estimateFor({ values: data, args, model, ...(options.serverDefaults ? { build: { defaults: options.serverDefaults } } : {}) }) };
}
