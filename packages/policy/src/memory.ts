import type { RuleContext } from "./define-rule.js";
import { kvCacheBytes, type ModelEstimate } from "./model.js";
import { formatBytes, intValue } from "./rule-utils.js";

/** llama-server's default host-RAM prompt cache (`--cache-ram`), in MiB. */
export const DEFAULT_CACHE_RAM_MIB = 8192;

/** Runtime, HTTP threads, tokenizer and compute buffers on top of weights, KV and prompt cache. */
export const HEADROOM_BYTES = 512 * 2 ** 20;

/** The pieces of the memory a server pod needs (reference §5: W + KV + P + C + ε). */
export interface MemoryNeed {
  weights: number;
  /** KV cache bytes, undefined when the architecture is unknown. */
  kv: number | undefined;
  /** The context the KV cache is sized for (`-c`, or the training context for `-c 0`/no `-c`). */
  ctx: number | undefined;
  kvTypes: { k: string; v: string };
  /** Prompt cache bytes; undefined when unlimited (`--cache-ram -1`). */
  cacheRam: number | undefined;
  cacheRamExplicit: boolean;
  headroom: number;
  /** Sum of the known parts. */
  total: number;
  /** "model ~1.6 GiB + KV cache 1.3 GiB (-c 4096, f16) + …" */
  breakdown: string;
}

/** What the memory estimate is computed from: the model file and the server options that size its buffers. */
export interface MemoryInputs {
  /** The GGUF file size in bytes. */
  fileBytes: number;
  /** Architecture facts for the KV cache (layers, KV heads, head dimension, training context). */
  model?: ModelEstimate;
  /** `-c` when given and above 0; otherwise the training context sizes the KV cache. */
  ctx?: number;
  /** `-ctk`/`-ctv` cache types (default f16). */
  kvTypes?: { k: string; v: string };
  /** `--cache-ram` in MiB when given (-1 unlimited, 0 off); undefined means the server's default. */
  cacheRamMiB?: number;
  /** 2 when the weights are held twice (tmpfs models volume + --load-mode none). */
  copies?: 1 | 2;
}

/**
 * The one memory estimate (reference §5: W + KV + P + C + ε): the memory-headroom and
 * memory-below-model-size rules, `llmchart new` and `llmchart capacity` all call this.
 */
export function estimateMemory(inputs: MemoryInputs): MemoryNeed {
  const file = inputs.fileBytes;
  const copies = inputs.copies ?? 1;
  const weights = file * copies;
  const c = inputs.ctx;
  const kvCtx = c !== undefined && c > 0 ? c : inputs.model?.nCtxTrain;
  const k = (inputs.kvTypes?.k ?? "f16").toLowerCase();
  const v = (inputs.kvTypes?.v ?? "f16").toLowerCase();
  const kv = kvCtx !== undefined && inputs.model ? kvCacheBytes(inputs.model, kvCtx, { k, v }) : undefined;
  const cram = inputs.cacheRamMiB;
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
  const modelText = copies === 2 ? `model ~${formatBytes(file)} twice (tmpfs volume + --load-mode none)` : `model ~${formatBytes(weights)}`;
  const breakdown = `${modelText} + ${kvText} + ${cramText} + ${formatBytes(HEADROOM_BYTES)} headroom`;
  return { weights, kv, ctx: kvCtx, kvTypes: { k, v }, cacheRam, cacheRamExplicit: cram !== undefined, headroom: HEADROOM_BYTES, total, breakdown };
}

/** The memory the server needs by the model estimate and the server options, or undefined when the file size is unknown. */
export function memoryNeed(ctx: RuleContext): MemoryNeed | undefined {
  const file = ctx.model?.fileBytes;
  if (file === undefined) return undefined;
  // A tmpfs models volume already holds the file in RAM (charged to the pod); reading it
  // into the heap as well (--load-mode none) makes a second copy. mmap shares the pages.
  const tmpfs = ctx.get("volume.models.medium") === "Memory" && ctx.get("persistence.enabled") !== true;
  const copies = tmpfs && ctx.args.value("--load-mode") === "none" ? 2 : 1;
  const c = intValue(ctx.args.get("-c"));
  return estimateMemory({
    fileBytes: file,
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(c !== undefined ? { ctx: c } : {}),
    kvTypes: { k: ctx.args.value("-ctk") ?? "f16", v: ctx.args.value("-ctv") ?? "f16" },
    ...(intValue(ctx.args.get("-cram")) !== undefined ? { cacheRamMiB: intValue(ctx.args.get("-cram"))! } : {}),
    copies,
  });
}
