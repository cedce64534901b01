/**
 * Size estimates for GGUF models from their names alone, for memory and rollout checks
 * before anything is downloaded. File size ≈ parameters × bits per weight / 8; KV cache from
 * the architecture (layers, KV heads, head dimension) of a small table of known models.
 */

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
  /** GGUF file size in bytes: `model.sizeBytes` when the values give it, else `params × bpw / 8` when both are known. */
  fileBytes?: number;
  /** Where `fileBytes` comes from: the values' `model.sizeBytes`, or the estimate from the name. */
  fileSize?: "sizeBytes" | "name";
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
}

/**
 * Architectures from each model's `config.json` (as the GGUF metadata records them). First
 * match wins, so fine-tunes and specific versions come before their base family.
 */
const KNOWN_MODELS: readonly KnownModel[] = [
  // Dolphin 2.x on Mistral 7B: the model card says "the base model has 16k context".
  { id: "dolphin-mistral-7b", match: /dolphin.*mistral.*7b/, params: 7.24e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 16384 },
  { id: "mixtral-8x7b", match: /mixtral.*8x7b/, params: 46.7e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 32768 },
  { id: "mistral-7b", match: /mistral.*7b|7b.*mistral/, params: 7.24e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 32768 },
  { id: "phi-2", match: /phi-?2(?!\d|\.\d)/, params: 2.78e9, layers: 32, kvHeads: 32, headDim: 80, nCtxTrain: 2048 },
  { id: "phi-3-mini-128k", match: /phi-?3.*mini.*128k/, params: 3.82e9, layers: 32, kvHeads: 32, headDim: 96, nCtxTrain: 131072 },
  { id: "phi-3-mini-4k", match: /phi-?3.*mini/, params: 3.82e9, layers: 32, kvHeads: 32, headDim: 96, nCtxTrain: 4096 },
  { id: "tinyllama-1.1b", match: /tinyllama/, params: 1.1e9, layers: 22, kvHeads: 4, headDim: 64, nCtxTrain: 2048 },
  { id: "llama-2-7b", match: /llama-?2.*7b/, params: 6.74e9, layers: 32, kvHeads: 32, headDim: 128, nCtxTrain: 4096 },
  { id: "llama-2-13b", match: /llama-?2.*13b/, params: 13.0e9, layers: 40, kvHeads: 40, headDim: 128, nCtxTrain: 4096 },
  { id: "llama-2-70b", match: /llama-?2.*70b/, params: 69.0e9, layers: 80, kvHeads: 8, headDim: 128, nCtxTrain: 4096 },
  { id: "llama-3.2-1b", match: /llama-?3\.2.*1b/, params: 1.24e9, layers: 16, kvHeads: 8, headDim: 64, nCtxTrain: 131072 },
  { id: "llama-3.2-3b", match: /llama-?3\.2.*3b/, params: 3.21e9, layers: 28, kvHeads: 8, headDim: 128, nCtxTrain: 131072 },
  { id: "llama-3.1-8b", match: /llama-?3\.1.*8b/, params: 8.03e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 131072 },
  { id: "llama-3-8b", match: /llama-?3.*8b/, params: 8.03e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 8192 },
  { id: "qwen2.5-0.5b", match: /qwen2\.5.*0\.5b/, params: 0.49e9, layers: 24, kvHeads: 2, headDim: 64, nCtxTrain: 32768 },
  { id: "qwen2.5-1.5b", match: /qwen2\.5.*1\.5b/, params: 1.54e9, layers: 28, kvHeads: 2, headDim: 128, nCtxTrain: 32768 },
  { id: "qwen2.5-3b", match: /qwen2\.5.*3b/, params: 3.09e9, layers: 36, kvHeads: 2, headDim: 128, nCtxTrain: 32768 },
  { id: "qwen2.5-7b", match: /qwen2\.5.*7b/, params: 7.62e9, layers: 28, kvHeads: 4, headDim: 128, nCtxTrain: 32768 },
];

/** The known-model table, for documentation and `llmchart new`. */
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
 * Names are tried in order; the first that yields a fact wins for that fact. Architecture
 * fields come only from the known-model table; the parameter count from the table, else from
 * the name. Returns undefined when nothing at all is known.
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
  }
  if (quant) est.quant = quant;
  if (params !== undefined) est.params = params;
  if (bpw !== undefined) est.bpw = bpw;
  if (params !== undefined && bpw !== undefined) est.fileBytes = Math.round((params * bpw) / 8);
  return est;
}

/**
 * The model estimate of a values file's `model` section: from `filename` and `repoId`, with
 * `sizeBytes` (the size the repository lists) taking the place of the estimated file size.
 */
export function modelOfValues(model: { filename?: unknown; repoId?: unknown; sizeBytes?: unknown } | undefined): ModelEstimate | undefined {
  // "" means unset, as in Helm charts.
  const name = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
  const est = estimateModel(name(model?.filename), name(model?.repoId));
  const size = model?.sizeBytes;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size <= 0) return est?.fileBytes !== undefined ? { ...est, fileSize: "name" } : est;
  return { ...est, fileBytes: size, fileSize: "sizeBytes" };
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
 * The KV cache llama.cpp allocates at load time for a context of `ctx` tokens:
 * `layers × ctx × kvHeads × headDim × (bytes(K) + bytes(V))` — i.e. 2 × … × 2 bytes with the
 * default f16 cache. It is sized by `-c` alone (shared by or split across the `-np` slots).
 * Returns undefined when the architecture is unknown.
 */
export function kvCacheBytes(
  model: Pick<ModelEstimate, "layers" | "kvHeads" | "headDim">,
  ctx: number,
  types: { k?: string; v?: string } = {},
): number | undefined {
  const { layers, kvHeads, headDim } = model;
  if (layers === undefined || kvHeads === undefined || headDim === undefined) return undefined;
  const k = KV_TYPE_BYTES[(types.k ?? "f16").toLowerCase()];
  const v = KV_TYPE_BYTES[(types.v ?? "f16").toLowerCase()];
  if (k === undefined || v === undefined) return undefined;
  return Math.round(layers * ctx * kvHeads * headDim * (k + v));
}
