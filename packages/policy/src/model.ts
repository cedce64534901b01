/**
 * What is known about a values file's model: from the lock file when it is pinned (the GGUF
 * header's exact size and shape, `llmchart models pin`), else estimated from its name — file size
 * ≈ parameters × bits per weight / 8, and the architecture from a small table of known models
 * (or, for any other, a conservative shape assumed from the size).
 */
import { pinOf, type ModelLock, type PinnedModel, type PinStatus } from "./lock.js";
import { assumedShape, shapeFromFacts, uniformShape, type ModelShape } from "./shape.js";

/** What can be told about a model from its file name or repository id. Unknown fields stay undefined. */
export interface ModelEstimate {
  /** The known model the name matched (`phi-2`, `mistral-7b`, …), when it matched one. */
  model?: string;
  /** GGUF quantisation type found in the name (`Q4_K_M`). */
  quant?: string;
  /** Parameter count (not billions: `2.78e9`). */
  params?: number;
  /** Average bits per weight of the quantisation (mixes such as Q4_K_M included). */
  bpw?: number;
  /** GGUF file size in bytes: the lock's, else `model.sizeBytes` when the values give it, else `params × bpw / 8` when both are known. */
  fileBytes?: number;
  /** Where `fileBytes` comes from: the lock file (pinned), the values' `model.sizeBytes`, or the estimate from the name. */
  fileSize?: "lock" | "sizeBytes" | "name";
  /** The per-layer shape the memory estimate uses: from the pinned header, the known-model table, or assumed from the size. */
  shape?: ModelShape;
  /** The lock entry, when the model is pinned. */
  pinned?: PinnedModel;
  /** How the values file's model stands in the lock (set by modelOfValues). */
  pin?: PinStatus;
  /** Transformer blocks (`block_count`). */
  layers?: number;
  /** Key/value heads (`head_count_kv`; fewer than attention heads with GQA). */
  kvHeads?: number;
  /** Dimension of one key/value head. */
  headDim?: number;
  /** Context length the model was trained for (`context_length`); `-c 0` means this. */
  nCtxTrain?: number;
}

/**
 * Average bits per weight by GGUF type. Block formats from `ggml-common.h` (Q4_0 = 18 bytes per
 * 32 weights = 4.5); K-quant mixes (`_S/_M/_L`) as measured on Llama-3.1-8B in llama.cpp's
 * `tools/quantize/README.md` (Q4_K_M 4.89, Q5_K_M 5.70, Q6_K 6.56, Q8_0 8.50).
 */
export const BITS_PER_WEIGHT: Readonly<Record<string, number>> = {
  F32: 32,
  F16: 16,
  BF16: 16,
  Q8_0: 8.5,
  Q6_K: 6.5625,
  Q5_K_M: 5.7,
  Q5_K_S: 5.57,
  Q5_K: 5.7,
  Q5_1: 6,
  Q5_0: 5.5,
  Q4_K_M: 4.89,
  Q4_K_S: 4.67,
  Q4_K: 4.89,
  Q4_1: 5,
  Q4_0: 4.5,
  IQ4_NL: 4.62,
  IQ4_XS: 4.46,
  MXFP4: 4.25,
  Q3_K_L: 4.14,
  Q3_K_M: 3.83,
  Q3_K_S: 3.49,
  Q3_K: 3.83,
  IQ3_M: 3.76,
  IQ3_S: 3.66,
  IQ3_XS: 3.5,
  IQ3_XXS: 3.25,
  Q2_K: 3.16,
  Q2_K_S: 2.97,
  IQ2_M: 2.93,
  IQ2_S: 2.74,
  IQ2_XS: 2.59,
  IQ2_XXS: 2.38,
  IQ1_M: 2.15,
  IQ1_S: 2,
  TQ2_0: 2.06,
  TQ1_0: 1.69,
};

interface KnownModel {
  id: string;
  match: RegExp;
  params: number;
  layers: number;
  kvHeads: number;
  headDim: number;
  nCtxTrain: number;
  /** Attention heads, embedding width, FFN width (experts used × expert width for MoE) and vocabulary: they size the compute buffers. */
  heads: number;
  embd: number;
  ff: number;
  vocab: number;
}

/**
 * Architectures from each model's `config.json` (as the GGUF metadata records them). First
 * match wins, so fine-tunes and specific versions come before their base family.
 */
const KNOWN_MODELS: readonly KnownModel[] = [
  // Dolphin 2.x on Mistral 7B: the model card says "the base model has 16k context".
  { id: "dolphin-mistral-7b", match: /dolphin.*mistral.*7b/, params: 7.24e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 16384, heads: 32, embd: 4096, ff: 14336, vocab: 32002 },
  { id: "mixtral-8x7b", match: /mixtral.*8x7b/, params: 46.7e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 32768, heads: 32, embd: 4096, ff: 28672, vocab: 32000 },
  { id: "mistral-7b", match: /mistral.*7b|7b.*mistral/, params: 7.24e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 32768, heads: 32, embd: 4096, ff: 14336, vocab: 32000 },
  { id: "phi-2", match: /phi-?2(?!\d|\.\d)/, params: 2.78e9, layers: 32, kvHeads: 32, headDim: 80, nCtxTrain: 2048, heads: 32, embd: 2560, ff: 10240, vocab: 51200 },
  { id: "phi-3-mini-128k", match: /phi-?3.*mini.*128k/, params: 3.82e9, layers: 32, kvHeads: 32, headDim: 96, nCtxTrain: 131072, heads: 32, embd: 3072, ff: 8192, vocab: 32064 },
  { id: "phi-3-mini-4k", match: /phi-?3.*mini/, params: 3.82e9, layers: 32, kvHeads: 32, headDim: 96, nCtxTrain: 4096, heads: 32, embd: 3072, ff: 8192, vocab: 32064 },
  { id: "tinyllama-1.1b", match: /tinyllama/, params: 1.1e9, layers: 22, kvHeads: 4, headDim: 64, nCtxTrain: 2048, heads: 32, embd: 2048, ff: 5632, vocab: 32000 },
  { id: "llama-2-7b", match: /llama-?2.*7b/, params: 6.74e9, layers: 32, kvHeads: 32, headDim: 128, nCtxTrain: 4096, heads: 32, embd: 4096, ff: 11008, vocab: 32000 },
  { id: "llama-2-13b", match: /llama-?2.*13b/, params: 13.0e9, layers: 40, kvHeads: 40, headDim: 128, nCtxTrain: 4096, heads: 40, embd: 5120, ff: 13824, vocab: 32000 },
  { id: "llama-2-70b", match: /llama-?2.*70b/, params: 69.0e9, layers: 80, kvHeads: 8, headDim: 128, nCtxTrain: 4096, heads: 64, embd: 8192, ff: 28672, vocab: 32000 },
  { id: "llama-3.2-1b", match: /llama-?3\.2.*1b/, params: 1.24e9, layers: 16, kvHeads: 8, headDim: 64, nCtxTrain: 131072, heads: 32, embd: 2048, ff: 8192, vocab: 128256 },
  { id: "llama-3.2-3b", match: /llama-?3\.2.*3b/, params: 3.21e9, layers: 28, kvHeads: 8, headDim: 128, nCtxTrain: 131072, heads: 24, embd: 3072, ff: 8192, vocab: 128256 },
  { id: "llama-3.1-8b", match: /llama-?3\.1.*8b/, params: 8.03e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 131072, heads: 32, embd: 4096, ff: 14336, vocab: 128256 },
  { id: "llama-3-8b", match: /llama-?3.*8b/, params: 8.03e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 8192, heads: 32, embd: 4096, ff: 14336, vocab: 128256 },
  { id: "qwen2.5-0.5b", match: /qwen2\.5.*0\.5b/, params: 0.49e9, layers: 24, kvHeads: 2, headDim: 64, nCtxTrain: 32768, heads: 14, embd: 896, ff: 4864, vocab: 151936 },
  { id: "qwen2.5-1.5b", match: /qwen2\.5.*1\.5b/, params: 1.54e9, layers: 28, kvHeads: 2, headDim: 128, nCtxTrain: 32768, heads: 12, embd: 1536, ff: 8960, vocab: 151936 },
  { id: "qwen2.5-3b", match: /qwen2\.5.*3b/, params: 3.09e9, layers: 36, kvHeads: 2, headDim: 128, nCtxTrain: 32768, heads: 16, embd: 2048, ff: 11008, vocab: 151936 },
  { id: "qwen2.5-7b", match: /qwen2\.5.*7b/, params: 7.62e9, layers: 28, kvHeads: 4, headDim: 128, nCtxTrain: 32768, heads: 28, embd: 3584, ff: 18944, vocab: 152064 },
];

const tableShapes = new Map<string, ModelShape>();
/** A table entry's shape, built once: every values file of that model shares it (lint of many files). */
function tableShape(k: KnownModel): ModelShape {
  let shape = tableShapes.get(k.id);
  if (!shape) tableShapes.set(k.id, (shape = uniformShape(k)));
  return shape;
}

/** The known-model table (the fallback for files that are not pinned), for documentation and `llmchart new`. */
export const knownModels: readonly Omit<KnownModel, "match">[] = KNOWN_MODELS.map(({ match: _m, ...rest }) => rest);

const QUANT_NAMES = Object.keys(BITS_PER_WEIGHT).sort((a, b) => b.length - a.length);
/** Compiled once: quantOf runs for every values file. */
const QUANT_PATTERNS = QUANT_NAMES.map((q) => [q, new RegExp(`(?:^|[^A-Z0-9])${q}(?![A-Z0-9_])`)] as const);

/** The quantisation type in a GGUF name (`phi-2.Q4_K_M.gguf` → `Q4_K_M`). */
export function quantOf(name: string): string | undefined {
  const upper = name.toUpperCase();
  for (const [q, re] of QUANT_PATTERNS) {
    if (re.test(upper)) return q;
  }
  return undefined;
}

/**
 * The parameter count a name states: `7b`, `2.7B`, `135m`, and mixture-of-experts `8x7b`
 * (experts share attention, so 8×7B is ≈ 46.7B, not 56B: scaled by 0.83 as for Mixtral).
 */
export function paramsOf(name: string): number | undefined {
  const m = /(?:^|[^a-z0-9.])(?:(\d+)x)?(\d+(?:\.\d+)?)([bm])(?![a-z0-9])/.exec(name.toLowerCase());
  if (!m || !m[2]) return undefined;
  const n = Number(m[2]) * (m[3] === "b" ? 1e9 : 1e6);
  return m[1] ? n * Number(m[1]) * 0.83 : n;
}

/**
 * Estimates a model from its GGUF file name and/or Hugging Face repository id, e.g.
 * `estimateModel("phi-2.Q4_K_M.gguf")` or `estimateModel("model.Q4_K_M.gguf", "TheBloke/phi-2-GGUF")`.
 * Names are tried in order; the first that yields a fact wins for that fact. The shape comes from
 * the known-model table, else it is assumed (conservatively) from the parameter count; the
 * parameter count from the table, else from the name. Returns undefined when nothing at all is known.
 */
export function estimateModel(...names: readonly (string | undefined)[]): ModelEstimate | undefined {
  const candidates = names.filter((n): n is string => typeof n === "string" && n.length > 0).map((n) => n.toLowerCase());
  let known: KnownModel | undefined;
  let quant: string | undefined;
  let params: number | undefined;
  for (const n of candidates) {
    known ??= KNOWN_MODELS.find((k) => k.match.test(n));
    quant ??= quantOf(n);
    params ??= paramsOf(n);
  }
  if (known) params = known.params;
  const bpw = quant ? BITS_PER_WEIGHT[quant] : undefined;
  if (!known && params === undefined && quant === undefined) return undefined;
  const est: ModelEstimate = {};
  if (known) {
    est.model = known.id;
    est.layers = known.layers;
    est.kvHeads = known.kvHeads;
    est.headDim = known.headDim;
    est.nCtxTrain = known.nCtxTrain;
    est.shape = tableShape(known);
  } else if (params !== undefined) {
    est.shape = assumedShape(params);
  }
  if (quant) est.quant = quant;
  if (params !== undefined) est.params = params;
  if (bpw !== undefined) est.bpw = bpw;
  if (params !== undefined && bpw !== undefined) est.fileBytes = Math.round((params * bpw) / 8);
  return est;
}

/** Bits per weight assumed for a file whose quantisation nothing tells: a 4-bit quantisation's, so the parameter count (and the assumed KV cache) errs high. */
const ASSUMED_BPW = 4.5;

/** A pinned model's estimate: the lock's size and the header's shape (assumed from the size if the header lacks attention keys). */
function pinnedEstimate(entry: PinnedModel, pin: PinStatus): ModelEstimate {
  const f = entry.facts;
  const params = f.parameters;
  const est: ModelEstimate = {
    fileBytes: entry.sizeBytes,
    fileSize: "lock",
    pinned: entry,
    pin,
    shape: shapeFromFacts(f) ?? assumedShape(params ?? (entry.sizeBytes * 8) / ASSUMED_BPW),
  };
  if (f.name) est.model = f.name;
  if (f.fileType) est.quant = f.fileType;
  if (params !== undefined) {
    est.params = params;
    est.bpw = Math.round(((entry.sizeBytes * 8) / params) * 100) / 100;
  }
  if (f.contextLength !== undefined) est.nCtxTrain = f.contextLength;
  return est;
}

/** "" means unset, as in Helm charts. */
function nonEmpty(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/**
 * The model estimate of a values file's `model` section: the lock file's entry when the model is
 * pinned there (by `repoId` + `filename`, for the same content), else from `filename` and `repoId`,
 * with `sizeBytes` (the size the repository lists) taking the place of the estimated file size.
 * `pin` says which, for the rule that asks to pin it.
 */
export function modelOfValues(model: { filename?: unknown; repoId?: unknown; sizeBytes?: unknown; sha256?: unknown } | undefined, lock?: ModelLock): ModelEstimate | undefined {
  const filename = nonEmpty(model?.filename);
  const repoId = nonEmpty(model?.repoId);
  const size = model?.sizeBytes;
  const sizeBytes = typeof size === "number" && Number.isSafeInteger(size) && size > 0 ? size : undefined;
  const sha256 = nonEmpty(model?.sha256);
  const pin = pinOf(lock, { ...(repoId ? { repoId } : {}), ...(filename ? { filename } : {}), ...(sha256 ? { sha256 } : {}), ...(sizeBytes !== undefined ? { sizeBytes } : {}) });
  if (pin.kind === "pinned") return pinnedEstimate(pin.entry, pin);
  const est = estimateModel(filename, repoId);
  if (sizeBytes === undefined) {
    if (!est) return pin.kind === "other-file" ? { pin } : undefined;
    return est.fileBytes !== undefined ? { ...est, fileSize: "name", pin } : { ...est, pin };
  }
  const out: ModelEstimate = { ...est, fileBytes: sizeBytes, fileSize: "sizeBytes", pin };
  out.shape ??= assumedShape((sizeBytes * 8) / (out.bpw ?? ASSUMED_BPW));
  return out;
}

/**
 * Bytes per cached element by KV cache type (`-ctk`/`-ctv`); block types store a scale per
 * 32 values (q8_0 = 34 B / 32).
 */
export const KV_TYPE_BYTES: Readonly<Record<string, number>> = {
  f32: 4,
  f16: 2,
  bf16: 2,
  q8_0: 34 / 32,
  q4_0: 18 / 32,
  q4_1: 20 / 32,
  iq4_nl: 18 / 32,
  q5_0: 22 / 32,
  q5_1: 24 / 32,
};

/**
 * The KV cache for a context of `ctx` tokens in every layer: Σ layers ctx × (K width × bytes(K) +
 * V width × bytes(V)) — 2 × layers × ctx × KV heads × head dimension × 2 bytes with the default
 * f16 cache and a uniform model. No sliding windows and no padding: the figure a message quotes
 * for "the KV cache at the training context" (the estimate itself is `estimateMemory`'s).
 * Returns undefined when the shape is unknown.
 */
export function kvCacheBytes(
  model: Pick<ModelEstimate, "layers" | "kvHeads" | "headDim" | "shape">,
  ctx: number,
  types: { k?: string; v?: string } = {},
): number | undefined {
  const k = KV_TYPE_BYTES[(types.k ?? "f16").toLowerCase()];
  const v = KV_TYPE_BYTES[(types.v ?? "f16").toLowerCase()];
  if (k === undefined || v === undefined) return undefined;
  const shape = model.shape;
  if (shape) {
    let perToken = 0;
    for (let il = 0; il < shape.layers; il++) perToken += (shape.kWidth[il] ?? 0) * k + (shape.vWidth[il] ?? 0) * v;
    return Math.round(perToken * ctx);
  }
  const { layers, kvHeads, headDim } = model;
  if (layers === undefined || kvHeads === undefined || headDim === undefined) return undefined;
  return Math.round(layers * ctx * kvHeads * headDim * (k + v));
}
