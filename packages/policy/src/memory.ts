import type { EffectiveValues } from "./define-rule.js";
import type { ServerDefaults } from "./llama/types.js";
import { kvCacheBytes, type ModelEstimate } from "./model.js";
import { formatBytes, intValue } from "./rule-utils.js";
import type { ServerArgs } from "./server-args.js";

/** The host-RAM prompt cache (`--cache-ram`) in MiB assumed when no build's defaults are given (`MemoryInputs.serverDefaults`). */
export const DEFAULT_CACHE_RAM_MIB = 8192;

/** Compute buffers, runtime, HTTP threads and tokenizer on top of weights, KV and prompt cache. */
export const HEADROOM_BYTES = 512 * 2 ** 20;

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

/** What the memory estimate is computed from: the model file and the server options that size its buffers. */
export interface MemoryInputs {
  /** The GGUF file size in bytes. */
  fileBytes: number;
  /** Whether `fileBytes` is the listed size (`model.sizeBytes`) or estimated from the name (default). */
  fileSize?: "sizeBytes" | "name";
  /** Architecture facts for the KV cache (layers, KV heads, head dimension, training context). */
  model?: ModelEstimate;
  /** `-c` when given and above 0; otherwise the training context sizes the KV cache. */
  ctx?: number;
  /** `-ctk`/`-ctv` cache types (default f16). */
  kvTypes?: { k: string; v: string };
  /** `--cache-ram` in MiB when given (-1 unlimited, 0 off); undefined means the server's default. */
  cacheRamMiB?: number;
  /**
   * The defaults of the server's build: `-c` when not given (0 = the training context), and the
   * prompt cache when `--cache-ram` is not given (none where the build has no prompt cache).
   * Without it: no `-c` means the training context and the prompt cache is `DEFAULT_CACHE_RAM_MIB`.
   */
  serverDefaults?: Pick<ServerDefaults, "ctxSize" | "cacheRamMiB" | "parallel">;
  /** 2 when the weights are held twice (tmpfs models volume + --load-mode none). */
  copies?: 1 | 2;
}

/**
 * The one memory estimate (reference §5: W + KV + P + C + ε): the `memory-headroom` and
 * `memory-below-model-size` rules, `llmchart new` and `llmchart capacity` all compute it here —
 * from a values file through `estimateFor` (the rules, capacity), or from command-line sizing
 * (`new`) directly — so they cannot disagree.
 */
export function estimateMemory(inputs: MemoryInputs): MemoryEstimate {
  const file = inputs.fileBytes;
  const copies = inputs.copies ?? 1;
  const weights = file * copies;
  const c = inputs.ctx;
  const defaults = inputs.serverDefaults;
  // No -c: the build's default, 4096 before b7407, 0 (the training context) from then on.
  const ctxDefault = c === undefined && defaults && defaults.ctxSize > 0 ? defaults.ctxSize : undefined;
  const kvCtx = c !== undefined && c > 0 ? c : (ctxDefault ?? inputs.model?.nCtxTrain);
  const k = (inputs.kvTypes?.k ?? "f16").toLowerCase();
  const v = (inputs.kvTypes?.v ?? "f16").toLowerCase();
  const kv = kvCtx !== undefined && inputs.model ? kvCacheBytes(inputs.model, kvCtx, { k, v }) : undefined;
  const cram = inputs.cacheRamMiB;
  // undefined: the build has no host-RAM prompt cache at all (before --cache-ram existed).
  const cramDefault = defaults ? defaults.cacheRamMiB : DEFAULT_CACHE_RAM_MIB;
  const cacheRam = cram === undefined ? (cramDefault ?? 0) * 2 ** 20 : cram < 0 ? undefined : cram * 2 ** 20;
  const total = weights + (kv ?? 0) + (cacheRam ?? 0) + HEADROOM_BYTES;
  const kvText =
    kv !== undefined
      ? `KV cache ${formatBytes(kv)} (${c !== undefined && c > 0 ? `-c ${c}` : ctxDefault !== undefined ? `-c default ${ctxDefault}` : `training context ${kvCtx}`}, ${k === v ? k : `${k}/${v}`})`
      : "KV cache unknown (architecture not in the known-model table)";
  const cramText =
    cacheRam === undefined
      ? "prompt cache unlimited (--cache-ram -1)"
      : cacheRam === 0
        ? "no prompt cache (--cache-ram 0)"
        : cram === undefined
          ? `prompt cache ${formatBytes(cacheRam)} (--cache-ram default ${cramDefault} MiB)`
          : `prompt cache ${formatBytes(cacheRam)} (--cache-ram ${cram})`;
  const fileSize = inputs.fileSize ?? "name";
  const sized = fileSize === "sizeBytes" ? "" : "~";
  const modelText = copies === 2 ? `model ${sized}${formatBytes(file)} twice (tmpfs volume + read into RAM)` : `model ${sized}${formatBytes(weights)}`;
  const cramPart = cram === undefined && cramDefault === undefined ? "" : ` + ${cramText}`;
  const breakdown = `${modelText} + ${kvText}${cramPart} + ${formatBytes(HEADROOM_BYTES)} headroom`;
  return {
    fileBytes: file,
    fileSize,
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

/** A values file's view for the estimate: the same effective values, server options and model estimate the rules see. */
export interface EstimateInput {
  readonly values: EffectiveValues;
  readonly args: ServerArgs;
  readonly model: ModelEstimate | undefined;
  /** The server's build (a rule's `ctx.build`): its defaults size what the values leave out. */
  readonly build?: { readonly defaults: ServerDefaults };
}

/**
 * The estimate's inputs as a values file sets them: the file size (`model.sizeBytes` or the
 * name), `-c`, `-ctk`/`-ctv`, `--cache-ram`, and a second copy of the weights when a tmpfs
 * models volume meets `--load-mode none`. Undefined when the file size is unknown.
 */
export function memoryInputsOf(input: EstimateInput): MemoryInputs | undefined {
  const { values, args, model } = input;
  const file = model?.fileBytes;
  if (file === undefined) return undefined;
  // A tmpfs models volume already holds the file in RAM (charged to the pod); reading it
  // into the heap as well (--load-mode none, or --no-mmap in builds before --load-mode) makes a
  // second copy. mmap shares the pages.
  const volume = values.volume as { models?: { medium?: unknown } } | undefined;
  const persistence = values.persistence as { enabled?: unknown } | undefined;
  const tmpfs = volume?.models?.medium === "Memory" && persistence?.enabled !== true;
  const c = intValue(args.get("-c"));
  const cram = intValue(args.get("-cram"));
  return {
    fileBytes: file,
    fileSize: model?.fileSize ?? "name",
    ...(model ? { model } : {}),
    ...(c !== undefined ? { ctx: c } : {}),
    kvTypes: { k: args.value("-ctk") ?? "f16", v: args.value("-ctv") ?? "f16" },
    ...(cram !== undefined ? { cacheRamMiB: cram } : {}),
    copies: tmpfs && (args.value("--load-mode") === "none" || args.value("--mmap") === "false") ? 2 : 1,
    ...(input.build ? { serverDefaults: input.build.defaults } : {}),
  };
}

/**
 * The memory estimate of a values file: `estimateMemory(memoryInputsOf(input))`. Pass a rule's
 * context or `effectiveModel(...)`'s result. Undefined when the file size is unknown (no
 * `model.sizeBytes`, and the name tells neither size nor quantisation).
 */
export function estimateFor(input: EstimateInput): MemoryEstimate | undefined {
  const inputs = memoryInputsOf(input);
  return inputs && estimateMemory(inputs);
}
