import type { EffectiveValues } from "./define-rule.js";
import { kvCacheBytes, type ModelEstimate } from "./model.js";
import { formatBytes, intValue } from "./rule-utils.js";
import type { ServerArgs } from "./server-args.js";

/** llama-server's default host-RAM prompt cache (`--cache-ram`), in MiB. */
export const DEFAULT_CACHE_RAM_MIB = 8192;

/** Compute buffers, runtime, HTTP threads and tokenizer on top of weights, KV and prompt cache. */
export const HEADROOM_BYTES = 512 * 2 ** 20;

/** What the estimate is computed from: the same effective values, server options and model estimate the rules see. */
export interface EstimateInput {
  readonly values: EffectiveValues;
  readonly args: ServerArgs;
  readonly model: ModelEstimate | undefined;
}

/**
 * The memory a server pod needs, itemised (reference §5: W + KV + P + C + ε). All sizes are
 * bytes. `memoryBytes` is the sum of the known parts: an unknown KV cache (architecture not in
 * the table) or an unbounded prompt cache (`--cache-ram -1`) count as 0 there.
 */
export interface MemoryEstimate {
  /** One copy of the GGUF file: `model.sizeBytes` when given, else parameters × bits per weight / 8. */
  fileBytes: number;
  /** Where `fileBytes` comes from. */
  fileSize: "sizeBytes" | "name";
  /** The weights held in memory: the file once, or twice when a tmpfs volume holds it and `--load-mode none` reads it again. */
  weightsBytes: number;
  weightCopies: 1 | 2;
  /** KV cache for the context; undefined when the architecture is unknown. */
  kvCacheBytes: number | undefined;
  /** The context the KV cache is sized for (`-c`, or the training context for `-c 0`/no `-c`). */
  kvCtx: number | undefined;
  kvTypes: { k: string; v: string };
  /** Prompt cache (`--cache-ram`); undefined when unlimited (`--cache-ram -1`). */
  promptCacheBytes: number | undefined;
  /** Whether `--cache-ram` is set, rather than llama-server's 8192 MiB default. */
  promptCacheExplicit: boolean;
  /** Compute buffers and runtime (C + ε). */
  headroomBytes: number;
  /** Sum of the known parts. */
  memoryBytes: number;
  /** "model ~1.6 GiB + KV cache 1.3 GiB (-c 4096, f16) + …", for messages. */
  breakdown: string;
}

/**
 * The one memory estimate of a model server: the `memory-headroom` and
 * `memory-below-model-size` rules, `llmchart capacity` and `llmchart new` all call this, so
 * they cannot disagree. Pass a rule's context, or `effectiveModel(...)`'s result. Undefined when
 * the file size is unknown (no `model.sizeBytes`, and the name tells neither size nor quantisation).
 */
export function estimateMemory(input: EstimateInput): MemoryEstimate | undefined {
  const { values, args, model } = input;
  const file = model?.fileBytes;
  if (file === undefined) return undefined;
  // A tmpfs models volume already holds the file in RAM (charged to the pod); reading it
  // into the heap as well (--load-mode none) makes a second copy. mmap shares the pages.
  const volume = values.volume as { models?: { medium?: unknown } } | undefined;
  const persistence = values.persistence as { enabled?: unknown } | undefined;
  const tmpfs = volume?.models?.medium === "Memory" && persistence?.enabled !== true;
  const copies = tmpfs && args.value("--load-mode") === "none" ? 2 : 1;
  const weights = file * copies;
  const c = intValue(args.get("-c"));
  const kvCtx = c !== undefined && c > 0 ? c : model?.nCtxTrain;
  const k = (args.value("-ctk") ?? "f16").toLowerCase();
  const v = (args.value("-ctv") ?? "f16").toLowerCase();
  const kv = kvCtx !== undefined && model ? kvCacheBytes(model, kvCtx, { k, v }) : undefined;
  const cram = intValue(args.get("-cram"));
  const cacheRam = cram === undefined ? DEFAULT_CACHE_RAM_MIB * 2 ** 20 : cram < 0 ? undefined : cram * 2 ** 20;
  const total = weights + (kv ?? 0) + (cacheRam ?? 0) + HEADROOM_BYTES;
  const kvText =
    kv !== undefined
      ? `KV cache ${formatBytes(kv)} (${c !== undefined && c > 0 ? `-c ${c}` : `training context ${kvCtx}`}, ${k === v ? k : `${k}/${v}`})`
      : "KV cache unknown (architecture not in the known-model table)";
  const cramText =
    cacheRam === undefined
      ? "prompt cache unlimited (--cache-ram -1)"
      : cacheRam === 0
        ? "no prompt cache (--cache-ram 0)"
        : cram === undefined
          ? `prompt cache ${formatBytes(cacheRam)} (--cache-ram default ${DEFAULT_CACHE_RAM_MIB} MiB)`
          : `prompt cache ${formatBytes(cacheRam)} (--cache-ram ${cram})`;
  const sized = model?.fileSize === "sizeBytes" ? "" : "~";
  const modelText = copies === 2 ? `model ${sized}${formatBytes(file)} twice (tmpfs volume + --load-mode none)` : `model ${sized}${formatBytes(weights)}`;
  const breakdown = `${modelText} + ${kvText} + ${cramText} + ${formatBytes(HEADROOM_BYTES)} headroom`;
  return {
    fileBytes: file,
    fileSize: model?.fileSize ?? "name",
    weightsBytes: weights,
    weightCopies: copies,
    kvCacheBytes: kv,
    kvCtx,
    kvTypes: { k, v },
    promptCacheBytes: cacheRam,
    promptCacheExplicit: cram !== undefined,
    headroomBytes: HEADROOM_BYTES,
    memoryBytes: total,
    breakdown,
  };
}
