import { str } from "./rule-utils.js";
import { defaultConfig, type PathSegment, type ResolvedConfig } from "@llmchart/schema";
import { posix } from "node:path";
import { fallbackChartDefaults } from "./defaults.js";
import { withoutPaths } from "./invalid-values.js";
import type { EffectiveValues } from "./types.js";
import { buildOfImage } from "./llama/builds.js";
import type { ServerBuild } from "./llama/types.js";
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
  /**
   * Values paths the file holds in a form that cannot be interpreted (`invalidPaths` of its schema
   * errors): taken out of `values` before anything is derived from them.
   */
  invalid?: readonly (readonly PathSegment[])[];
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
  /** The llama.cpp build the server image runs, with that build's flags and defaults. */
  readonly build: ServerBuild;
  /** The server's options, as that build reads them: extraArgs + extraEnv + what the chart adds. */
  readonly args: ServerArgs;
  /** Size and shape: pinned in the lock, else from model.filename / repoId / sizeBytes. */
  readonly model: ModelEstimate | undefined;
  /** The memory estimate (`estimateFor`), undefined when the file size is unknown. */
  readonly estimate: MemoryEstimate | undefined;
}

// The args are read with the file's build, which is the image's.
const ARGS_FROM = ["extraArgs", "extraEnv", "model.filename", "volume.models.mountPath", "service.port", "metrics.enabled", "image"] as const;
// model.sha256 tells a lock entry for this file from one for another.
const MODEL_FROM = ["model.filename", "model.repoId", "model.sizeBytes", "model.sha256"] as const;

/**
 * The values paths each derived part of the effective model is computed from: what
 * `chartAddsFor` + `parseServerArgs`, `modelOfValues` and `memoryInputsOf` read. A rule that looks
 * at `args`, `model` or `estimate` has read these paths (the engine records it); a test records
 * what the derivations touch and holds these lists to it.
 */
export const DERIVED_FROM = {
  args: ARGS_FROM,
  model: MODEL_FROM,
  estimate: [...ARGS_FROM, ...MODEL_FROM, "volume.models.medium", "persistence.enabled"],
} as const;

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

type ImageKey = "repository" | "tag" | "digest";

/**
 * The build a values file's server runs. The image is joined as the chart joins it (an empty
 * repository or tag falls back to the config's pinned `images.server`); the build is the tag's
 * when the values file sets one, a digest's (which names no build) when it sets only that, else
 * the chart's own image (`from: "config"`). `setByFile` tells which `image.*` keys the values
 * file itself sets (default: all that are there).
 */
export function buildOfValues(values: EffectiveValues, config: ResolvedConfig, setByFile: (key: ImageKey) => boolean = () => true): ServerBuild {
  const image = values.image as Partial<Record<ImageKey, unknown>> | undefined;
  const pinned = config.images.server;
  const own = (key: ImageKey) => (setByFile(key) ? str(image?.[key]) : undefined);
  const tag = str(image?.tag) ?? pinned.tag;
  const digest = str(image?.digest);
  const joined = { repository: str(image?.repository) ?? pinned.repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
  const ownRepository = own("repository");
  // A tag or digest inside the repository is the file's own too (it wins, as the chart joins it).
  if (own("tag") || (ownRepository && /@|:[^/]*$/.test(ownRepository))) return buildOfImage(joined, pinned);
  const ownDigest = own("digest");
  if (ownDigest) return buildOfImage({ repository: joined.repository, digest: ownDigest }, pinned);
  return buildOfImage({}, joined);
}

/** The build of the server image the config pins (`images.server`): what a file that sets no image runs. */
export function pinnedServerBuild(config: ResolvedConfig = defaultConfig): ServerBuild {
  return buildOfImage({}, config.images.server);
}

/**
 * The effective model of a values file — exactly what `lintPolicy` hands its rules: the
 * values merged over the chart defaults, the server build and options, the model estimate and the memory
 * estimate. `llmchart capacity` and `llmchart new` call this so their numbers are the rules'.
 * `values` is a parsed values file (positions kept for `merged.originOf`) or plain data; values of
 * any type are taken as they are (nothing here throws on a wrong type), `options.invalid` masks some.
 */
export function effectiveModel(values: ValuesInput, options: EffectiveModelOptions = {}): EffectiveModel {
  const config = options.config ?? defaultConfig;
  const chartDefaults = options.chartDefaults ?? fallbackChartDefaults(config);
  const merged = mergeValues(chartDefaults, values);
  const data = (options.invalid?.length ? withoutPaths(merged.data, options.invalid) : merged.data) as EffectiveValues;
  const build = buildOfValues(data, config, (key) => merged.originOf(["image", key]).kind === "values");
  const args = parseServerArgs(build.flags, data.extraArgs, data.extraEnv, chartAddsFor(data));
  const model = modelOfValues(data.model, options.modelLock);
  // The build's defaults size what the values leave out; a benchmark passes the defaults a real binary states.
  const sizing = options.serverDefaults ? { defaults: options.serverDefaults } : build;
  return { merged, values: data, build, args, model, estimate: estimateFor({ values: data, args, model, build: sizing }) };
}
