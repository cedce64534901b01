import { formatBinaryBytes } from "@llmchart/schema";
import type { EffectiveValues } from "./types.js";
import type { ServerDefaults } from "./llama/types.js";
import { KV_TYPE_BYTES, type ModelEstimate } from "./model.js";
import { intValue, type ServerArgs } from "./server-args.js";
import type { ModelShape } from "./shape.js";

const MiB = 2 ** 20;

/** llama-server's default host-RAM prompt cache (`--cache-ram`), in MiB, in the builds that have one. */
export const DEFAULT_CACHE_RAM_MIB = 8192;

/**
 * What the server process holds besides weights, KV cache, compute buffers and prompt cache: the
 * runtime, the HTTP threads, the parsed model metadata. Measured on b4747 (bench/memory.mjs) as
 * the resident memory after loading less weights, KV cache and the warm-up's buffers: 19 MiB with a
 * 32,000-token vocabulary, 36 MiB with 151,936 — 14 MiB plus `HEADROOM_PER_TOKEN` per token; this
 * leaves room for the HTTP threads' buffers under load.
 */
export const HEADROOM_BYTES = 32 * MiB;
/** The tokenizer's tables per vocabulary entry (token text, score, attributes, the reverse map). */
export const HEADROOM_PER_TOKEN = 160;

/** `-ub` and `-b` defaults (llama.cpp's common params): a batch is computed `-ub` tokens at a time. */
export const DEFAULT_UBATCH = 512;
export const DEFAULT_BATCH = 2048;

/** llama.cpp pads the KV cache to a multiple of 256 cells (flash attention; every cache in newer builds). */
const KV_PAD = 256;

/**
 * The defaults of the build a values file runs that size memory — `ServerDefaults` of
 * `llama/types.ts` (a build's `defaults` can be passed as it is) — plus what that contract does
 * not carry yet. Absent, the estimate assumes the newest build (`NEWEST_BUILD_DEFAULTS`).
 */
export type MemoryServerDefaults = Pick<ServerDefaults, "ctxSize" | "parallel" | "kvUnifiedWhenAuto" | "cacheRamMiB"> & {
  /** Whether `-fa` takes a value (on|off|auto): where it does, its default `auto` turns flash attention on for a CPU build; where it is a switch, it is off unless given. */
  flashAttnTakesValue?: boolean;
  /**
   * Whether the build sizes sliding-window layers to their window (its iSWA cache, b5400s on)
   * rather than to the whole context. Default: true where `-fa` takes a value (a later build),
   * else false — the larger cache when unsure.
   */
  swaWindowed?: boolean;
};

/** The newest build's memory defaults: what the estimate assumes when the values file's build is not given. */
export const NEWEST_BUILD_DEFAULTS: MemoryServerDefaults = {
  ctxSize: 0,
  parallel: -1,
  kvUnifiedWhenAuto: true,
  cacheRamMiB: DEFAULT_CACHE_RAM_MIB,
  flashAttnTakesValue: true,
  swaWindowed: true,
};

/** One term of the estimate, for tables and hovers. */
export interface MemoryPart {
  /** `weights`, `kv`, `compute`, `prompt`, `headroom`. */
  id: "weights" | "kv" | "compute" | "prompt" | "headroom";
  bytes: number;
  /** How it was sized, for people ("-c 8192, f16, 22 layers × 256 wide"). */
  detail: string;
}

/**
 * The memory a server pod needs, itemised (reference §5: W + KV + C + P + ε). All sizes are bytes.
 * `memoryBytes` is the sum; an unbounded prompt cache (`--cache-ram -1`) counts as 0 there.
 */
export interface MemoryEstimate {
  /** One copy of the GGUF file: the pinned size, `model.sizeBytes`, or parameters × bits per weight / 8. */
  fileBytes: number;
  /** Where `fileBytes` comes from. */
  fileSize: "lock" | "sizeBytes" | "name";
  /** The weights held in memory: the file once (memory-mapped), or twice when a tmpfs volume holds it and `--load-mode none` (`--no-mmap`) reads it again. */
  weightsBytes: number;
  weightCopies: 1 | 2;
  /** KV cache (and recurrent state) for the context and slots; undefined only when no shape is known at all. */
  kvCacheBytes: number | undefined;
  /** Where the shape behind the KV cache and compute buffers comes from. */
  shapeBasis: ModelShape["basis"] | undefined;
  /** The context the KV cache is sized for (`-c`, the build's default, or the training context). */
  kvCtx: number | undefined;
  kvTypes: { k: string; v: string };
  /** Server slots (`-np`, 4 for auto) and whether they share one KV cache. */
  slots: number;
  kvUnified: boolean;
  /** Compute buffers: the graph's (attention scores, mask, activations or logits) plus the CPU backend's work buffer. */
  computeBytes: number;
  flashAttention: boolean;
  /** Tokens computed at a time (`-ub`, at most `-b` and the context). */
  ubatch: number;
  /** Prompt cache (`--cache-ram`); undefined when unlimited (`--cache-ram -1`); 0 when off or when the build has none. */
  promptCacheBytes: number | undefined;
  /** Whether `--cache-ram` is set, rather than the build's default. */
  promptCacheExplicit: boolean;
  /** Runtime, HTTP threads and tokenizer (ε). */
  headroomBytes: number;
  /** Sum of the parts. */
  memoryBytes: number;
  /** Each term, for tables and hovers. */
  parts: MemoryPart[];
  /** "model 1.1 GiB (pinned) + KV cache 176 MiB (…) + compute 0.8 GiB (…) + …", for messages. */
  breakdown: string;
}

/** What the memory estimate is computed from: the model and the server options that size its buffers. */
export interface MemoryInputs {
  /** The GGUF file size in bytes. */
  fileBytes: number;
  /** Where `fileBytes` comes from (default `name`). */
  fileSize?: "lock" | "sizeBytes" | "name";
  /** The model: its shape sizes the KV cache and compute buffers, its training context stands in for `-c 0`. */
  model?: ModelEstimate;
  /** `-c` when given (0 = the training context); otherwise the build's default. */
  ctx?: number;
  /** `-ctk`/`-ctv` cache types (default f16). */
  kvTypes?: { k: string; v: string };
  /** `--cache-ram` in MiB when given (-1 unlimited, 0 off); undefined means the build's default. */
  cacheRamMiB?: number;
  /** 2 when the weights are held twice (tmpfs models volume + --load-mode none). */
  copies?: 1 | 2;
  /** `-np` when given (-1 = auto). */
  parallel?: number;
  /** `-kvu` / `--no-kv-unified` when given. */
  kvUnified?: boolean;
  /** `-ub` / `-b` when given. */
  ubatch?: number;
  batch?: number;
  /** `-fa` when given: `on` (also a bare `-fa` switch), `off` or `auto`. */
  flashAttn?: "on" | "off" | "auto";
  /** `--swa-full`: sliding-window layers get the whole context. */
  swaFull?: boolean;
  /** `--embedding` or `--reranking`: every token of a batch produces output (logits or embeddings). */
  allOutputs?: boolean;
  /** The defaults of the server's build (`ServerDefaults`; default: the newest build's). */
  serverDefaults?: MemoryServerDefaults;
}

/** The KV cache's cells: one pool for unified slots, else one per slot of `ctx / slots` each, padded. */
function kvCells(ctx: number, slots: number, unified: boolean): { cells: number; streams: number; perStream: number } {
  const pad = (n: number) => Math.ceil(n / KV_PAD) * KV_PAD;
  if (unified || slots <= 1) return { cells: pad(ctx), streams: 1, perStream: pad(ctx) };
  const perStream = pad(Math.ceil(ctx / slots));
  return { cells: perStream * slots, streams: slots, perStream };
}

/** Bytes per KV cell of every layer, sliding-window layers at their own (smaller) cell count. */
function kvBytes(shape: ModelShape, types: { k: string; v: string }, cache: { perStream: number; streams: number; swaCells: number }): number {
  const k = KV_TYPE_BYTES[types.k] ?? 2;
  const v = KV_TYPE_BYTES[types.v] ?? 2;
  let total = 0;
  for (let il = 0; il < shape.layers; il++) {
    const cells = shape.swa[il] ? cache.swaCells : cache.perStream;
    total += ((shape.kWidth[il] ?? 0) * k + (shape.vWidth[il] ?? 0) * v) * cells * cache.streams;
  }
  return Math.round(total);
}

/** How the estimate reads the server's sizing: `-c`, slots, unified KV, micro-batch, flash attention. */
interface Sizing {
  ctx: number | undefined;
  ctxFrom: string;
  slots: number;
  unified: boolean;
  ubatch: number;
  fa: boolean;
  swaWindowed: boolean;
  /** Every token of a batch produces output (`--embedding`, `--reranking`), not one per slot. */
  allOutputs: boolean;
}

function sizingOf(inputs: MemoryInputs, server: MemoryServerDefaults): Sizing {
  const train = inputs.model?.shape?.nCtxTrain ?? inputs.model?.nCtxTrain;
  const c = inputs.ctx;
  let ctx: number | undefined;
  let ctxFrom: string;
  if (c !== undefined && c > 0) [ctx, ctxFrom] = [c, `-c ${c}`];
  else if (c === undefined && server.ctxSize > 0) [ctx, ctxFrom] = [server.ctxSize, `-c default ${server.ctxSize}`];
  else [ctx, ctxFrom] = [train, `training context ${train ?? "unknown"}`];
  const np = inputs.parallel ?? server.parallel;
  const slots = np > 0 ? np : 4;
  const unified = inputs.kvUnified ?? (np > 0 ? false : server.kvUnifiedWhenAuto);
  const faTakesValue = server.flashAttnTakesValue ?? true;
  const fa = inputs.flashAttn === "on" || (inputs.flashAttn !== "off" && faTakesValue);
  const ubatch = Math.max(1, Math.min(inputs.ubatch ?? DEFAULT_UBATCH, inputs.batch ?? DEFAULT_BATCH, ctx ?? DEFAULT_UBATCH));
  const swaWindowed = !inputs.swaFull && (server.swaWindowed ?? faTakesValue);
  return { ctx, ctxFrom, slots, unified, ubatch, fa, swaWindowed, allOutputs: inputs.allOutputs === true };
}

/**
 * The compute buffers of the worst-case graph (one micro-batch against the whole KV cache), as
 * far as the server touches them — the pages a pod is charged for — on the CPU:
 * - the graph buffer, the largest of its stages: attention (the scores n_kv × n_ub × heads × 4 B
 *   without flash attention, the mask n_kv × n_ub × 4 B — 2 B with it —, and the layer's
 *   activations), the FFN, and the output: the logits of the tokens that produce one — one per
 *   slot in a batch for completions (llama-server asks for the last token's logits only), every
 *   token with `--embedding`/`--reranking`. llama.cpp reserves logits for a whole micro-batch
 *   (`compute buffer size` logs that: 299 MiB for a 151,936-token vocabulary), but completions
 *   never touch more than the slots' rows;
 * - the CPU backend's work buffer: without flash attention the scores are converted to f16 for
 *   the product with V (n_kv × n_ub × heads × 2 B).
 * Checked against b4747 (bench/memory.mjs): TinyLlama's shapes log 148 MiB at -c 2048 and
 * 544 MiB at -c 8192, the attention stage here; the peaks measured include the work buffer.
 */
function computeBytes(shape: ModelShape, cells: number, s: Sizing): number {
  const ub = s.ubatch;
  const f32 = 4;
  const scores = s.fa ? 0 : cells * ub * shape.heads * f32;
  const mask = cells * ub * (s.fa ? 2 : f32);
  const attention = scores + mask + 4 * shape.embd * ub * f32;
  const ffn = (3 * shape.ff + 2 * shape.embd) * ub * f32;
  const outputs = s.allOutputs ? ub : Math.min(ub, s.slots);
  const output = (shape.vocab * outputs + 2 * shape.embd * ub) * f32;
  const work = s.fa ? shape.embd * ub * 2 : cells * ub * shape.heads * 2;
  return Math.max(attention, ffn, output) + work;
}

function promptCacheOf(inputs: MemoryInputs, server: MemoryServerDefaults): { bytes: number | undefined; text: string } {
  const cram = inputs.cacheRamMiB;
  // A build before --cache-ram has no prompt cache: nothing to name (its messages never mention one).
  if (server.cacheRamMiB === undefined) return { bytes: 0, text: "" };
  if (cram !== undefined && cram < 0) return { bytes: undefined, text: "prompt cache unlimited (--cache-ram -1)" };
  if (cram === 0) return { bytes: 0, text: "no prompt cache (--cache-ram 0)" };
  if (cram === undefined) {
    const d = server.cacheRamMiB;
    return d > 0 ? { bytes: d * MiB, text: `prompt cache ${formatBinaryBytes(d * MiB)} (--cache-ram default ${d} MiB)` } : { bytes: 0, text: "no prompt cache (--cache-ram default 0)" };
  }
  return { bytes: cram * MiB, text: `prompt cache ${formatBinaryBytes(cram * MiB)} (--cache-ram ${cram})` };
}

const BASIS_TEXT: Record<ModelShape["basis"], string> = {
  header: "from the pinned GGUF header",
  table: "from the known-model table",
  assumed: "architecture unknown: assumed a dense model of this size without grouped-query attention, conservatively — pin it for the exact figure",
};

function kvDetail(shape: ModelShape, s: Sizing, types: { k: string; v: string }, swaCells: number, cells: number): string {
  const type = types.k === types.v ? types.k : `${types.k}/${types.v}`;
  const swaCount = shape.swa.filter(Boolean).length;
  const swa = swaCount && shape.slidingWindow ? `, ${swaCount} of ${shape.layers} layers ${s.swaWindowed ? `windowed to ${swaCells} cells` : "sliding-window but given the whole context"}` : "";
  const slots = s.slots > 1 ? `, ${s.slots} slots ${s.unified ? "sharing it" : `of ${cells / s.slots} cells`}` : "";
  return `${s.ctxFrom}, ${type}, ${shape.layers} layers${swa}${slots}; ${BASIS_TEXT[shape.basis]}`;
}

/** The KV cache and compute buffers with their details, or "unknown" when no shape or context is known. */
interface KvAndCompute {
  kv: number | undefined;
  compute: number;
  kvText: string;
  computeText: string;
}

const UNKNOWN_SHAPE: KvAndCompute = { kv: undefined, compute: 0, kvText: "KV cache unknown (no shape known for this model)", computeText: "compute buffers unknown" };

function kvAndCompute(shape: ModelShape, s: Sizing, ctx: number, types: { k: string; v: string }): KvAndCompute {
  const { cells, streams, perStream } = kvCells(ctx, s.slots, s.unified);
  const window = shape.slidingWindow ?? 0;
  const swaCells = s.swaWindowed && window ? Math.min(perStream, Math.ceil((window * (s.unified ? s.slots : 1) + s.ubatch) / KV_PAD) * KV_PAD) : perStream;
  const kv = kvBytes(shape, types, { perStream, streams, swaCells }) + shape.recurrentBytesPerSeq * s.slots;
  const compute = computeBytes(shape, s.unified ? cells : perStream, s);
  return {
    kv,
    compute,
    kvText: `KV cache ${formatBinaryBytes(kv)} (${kvDetail(shape, s, types, swaCells, cells)})`,
    computeText: `compute ${formatBinaryBytes(compute)} (${s.ubatch}-token batches, ${s.fa ? "flash attention" : `${shape.heads} heads' attention scores, no flash attention`})`,
  };
}

/** "model ~1.1 GiB", "model 1.1 GiB pinned", or the file "twice (tmpfs volume + read into RAM)". */
function weightsDetail(file: number, copies: 1 | 2, fileSize: MemoryEstimate["fileSize"]): string {
  const sized = fileSize === "name" ? "~" : "";
  const from = fileSize === "lock" ? " pinned" : "";
  return copies === 2 ? `model ${sized}${formatBinaryBytes(file)}${from} twice (tmpfs volume + read into RAM)` : `model ${sized}${formatBinaryBytes(file * copies)}${from}`;
}

/**
 * The one memory estimate (reference §5: W + KV + C + P + ε): the `memory-headroom` and
 * `memory-below-model-size` rules, `llmchart new` and `llmchart capacity` all compute it here —
 * from a values file through `estimateFor` (the rules, capacity, new), so they cannot disagree.
 * - weights: the file, memory-mapped (twice with a tmpfs volume and `--load-mode none`);
 * - KV cache: per layer (KV heads × key/value widths, 0 for recurrent layers), for the padded
 *   context cells of one unified pool or of every slot, sliding-window layers at their window
 *   where the build does that, in the `-ctk/-ctv` types; plus any recurrent state per slot;
 * - compute buffers: see computeBytes; they grow with the context;
 * - the prompt cache where the build has one; the runtime's headroom.
 */
export function estimateMemory(inputs: MemoryInputs): MemoryEstimate {
  const server = inputs.serverDefaults ?? NEWEST_BUILD_DEFAULTS;
  const copies = inputs.copies ?? 1;
  const file = inputs.fileBytes;
  const weights = file * copies;
  const types = { k: (inputs.kvTypes?.k ?? "f16").toLowerCase(), v: (inputs.kvTypes?.v ?? "f16").toLowerCase() };
  const s = sizingOf(inputs, server);
  const shape = inputs.model?.shape;
  const { kv, compute, kvText, computeText } = shape && s.ctx !== undefined ? kvAndCompute(shape, s, s.ctx, types) : UNKNOWN_SHAPE;
  const prompt = promptCacheOf(inputs, server);
  const headroom = HEADROOM_BYTES + (shape?.vocab ?? 0) * HEADROOM_PER_TOKEN;
  const fileSize = inputs.fileSize ?? "name";
  const modelText = weightsDetail(file, copies, fileSize);
  const parts: MemoryPart[] = [
    { id: "weights", bytes: weights, detail: modelText },
    { id: "kv", bytes: kv ?? 0, detail: kvText },
    { id: "compute", bytes: compute, detail: computeText },
    ...(prompt.text ? [{ id: "prompt" as const, bytes: prompt.bytes ?? 0, detail: prompt.text }] : []),
    { id: "headroom", bytes: headroom, detail: `${formatBinaryBytes(headroom)} headroom` },
  ];
  return {
    fileBytes: file,
    fileSize,
    weightsBytes: weights,
    weightCopies: copies,
    kvCacheBytes: kv,
    shapeBasis: shape?.basis,
    kvCtx: s.ctx,
    kvTypes: types,
    slots: s.slots,
    kvUnified: s.unified,
    computeBytes: compute,
    flashAttention: s.fa,
    ubatch: s.ubatch,
    promptCacheBytes: prompt.bytes,
    promptCacheExplicit: inputs.cacheRamMiB !== undefined,
    headroomBytes: headroom,
    memoryBytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    parts,
    breakdown: [modelText, kvText, computeText, prompt.text, `${formatBinaryBytes(headroom)} headroom`].filter(Boolean).join(" + "),
  };
}

/** A values file's view for the estimate: the same effective values, server options and model estimate the rules see. */
export interface EstimateInput {
  readonly values: EffectiveValues;
  readonly args: ServerArgs;
  readonly model: ModelEstimate | undefined;
  /** The server's build (a rule's `ctx.build`, or just its defaults): they size what the values leave out (default: the newest build's). */
  readonly build?: { readonly defaults: MemoryServerDefaults } | undefined;
}

function flashAttnOf(args: ServerArgs): MemoryInputs["flashAttn"] {
  const o = args.get("-fa");
  if (!o) return undefined;
  const v = (o.value ?? "true").toLowerCase();
  if (/^(off|0|false|disabled)$/.test(v)) return "off";
  return v === "auto" ? "auto" : "on";
}

function boolOf(args: ServerArgs, flag: string): boolean | undefined {
  const v = args.get(flag)?.value;
  return v === undefined ? undefined : v === "true";
}

/**
 * The estimate's inputs as a values file sets them: the file size and shape (`model`), `-c`,
 * `-np`, `-kvu`, `-ub`/`-b`, `-fa`, `--swa-full`, `--embedding`/`--reranking`, `-ctk`/`-ctv`, `--cache-ram`, and a second copy of
 * the weights when a tmpfs models volume meets `--load-mode none`. Undefined when the file size
 * is unknown.
 */
export function memoryInputsOf(input: EstimateInput): MemoryInputs | undefined {
  const { values, args, model } = input;
  const file = model?.fileBytes;
  if (file === undefined) return undefined;
  const c = intValue(args.get("-c"));
  const cram = intValue(args.get("-cram"));
  return {
    fileBytes: file,
    fileSize: model?.fileSize ?? "name",
    ...(model ? { model } : {}),
    ...(c !== undefined ? { ctx: c } : {}),
    kvTypes: { k: args.value("-ctk") ?? "f16", v: args.value("-ctv") ?? "f16" },
    ...(cram !== undefined ? { cacheRamMiB: cram } : {}),
    copies: weightCopiesOf(values, args),
    ...slotInputsOf(args),
    ...attentionInputsOf(args),
    ...(input.build ? { serverDefaults: input.build.defaults } : {}),
  };
}

/**
 * A tmpfs models volume already holds the file in RAM (charged to the pod); reading it into the
 * heap as well (--load-mode none, or --no-mmap in builds before --load-mode) makes a second copy.
 * mmap shares the pages.
 */
function weightCopiesOf(values: EffectiveValues, args: ServerArgs): 1 | 2 {
  const volume = values.volume as { models?: { medium?: unknown } } | undefined;
  const persistence = values.persistence as { enabled?: unknown } | undefined;
  const tmpfs = volume?.models?.medium === "Memory" && persistence?.enabled !== true;
  return tmpfs && (args.value("--load-mode") === "none" || args.value("--mmap") === "false") ? 2 : 1;
}

/** `-np`, `-kvu`, `-ub` and `-b`, those the values file sets. */
function slotInputsOf(args: ServerArgs): Pick<MemoryInputs, "parallel" | "kvUnified" | "ubatch" | "batch"> {
  const np = intValue(args.get("-np"));
  const kvu = boolOf(args, "-kvu");
  const ub = intValue(args.get("-ub"));
  const b = intValue(args.get("-b"));
  return {
    ...(np !== undefined ? { parallel: np } : {}),
    ...(kvu !== undefined ? { kvUnified: kvu } : {}),
    ...(ub !== undefined && ub > 0 ? { ubatch: ub } : {}),
    ...(b !== undefined && b > 0 ? { batch: b } : {}),
  };
}

/** `-fa`, `--swa-full` and `--embedding`/`--reranking`, those the values file sets. */
function attentionInputsOf(args: ServerArgs): Pick<MemoryInputs, "flashAttn" | "swaFull" | "allOutputs"> {
  const fa = flashAttnOf(args);
  const swaFull = boolOf(args, "--swa-full");
  const allOutputs = boolOf(args, "--embedding") === true || boolOf(args, "--reranking") === true;
  return {
    ...(fa ? { flashAttn: fa } : {}),
    ...(swaFull ? { swaFull } : {}),
    ...(allOutputs ? { allOutputs } : {}),
  };
}

/**
 * The memory estimate of a values file: `estimateMemory(memoryInputsOf(input))`. Pass a rule's
 * context or `effectiveModel(...)`'s result. Undefined when the file size is unknown (not pinned,
 * no `model.sizeBytes`, and the name tells neither size nor quantisation).
 */
export function estimateFor(input: EstimateInput): MemoryEstimate | undefined {
  const inputs = memoryInputsOf(input);
  return inputs && estimateMemory(inputs);
}
