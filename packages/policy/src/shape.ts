/**
 * A model's shape as the memory estimate needs it — per layer, since layers differ (grouped-query
 * heads per layer, sliding-window layers, recurrent layers without a KV cache) — from a GGUF
 * header's facts, from the known-model table, or assumed from the file size alone.
 */

/**
 * What a GGUF header says about a model, as `llmchart models pin` records it in the lock file:
 * the `general.*` and `<architecture>.*` keys the memory estimate needs. Per-layer keys stay
 * arrays when the file stores them per layer.
 */
export interface ModelFacts {
  /** `general.architecture` (`llama`, `qwen3`, `gemma2`, …). */
  architecture: string;
  /** `general.name`, for people. */
  name?: string;
  /** The quantisation, from `general.file_type` or the type most of the weights are in (`Q4_K_M`, `Q8_0`). */
  fileType?: string;
  /** Sum of every tensor's element count. */
  parameters?: number;
  /** `context_length`: the context the model was trained for. */
  contextLength?: number;
  embeddingLength?: number;
  blockCount?: number;
  /** `feed_forward_length` (per layer for some architectures). */
  feedForwardLength?: number | number[];
  /** `attention.head_count` (per layer for some architectures). */
  headCount?: number | number[];
  /** `attention.head_count_kv`: fewer than `headCount` with grouped-query attention; 0 for a layer without attention. */
  headCountKv?: number | number[];
  /** `attention.key_length` / `value_length`: one head's width (default embedding_length / head_count). */
  keyLength?: number;
  valueLength?: number;
  /** `attention.sliding_window`: the window of the sliding-window layers, in tokens. */
  slidingWindow?: number;
  /** `attention.sliding_window_pattern`: a period (every n-th layer is global) or one flag per layer (true = windowed). */
  slidingWindowPattern?: number | boolean[];
  expertCount?: number;
  expertUsedCount?: number;
  /** `expert_feed_forward_length`: one expert's FFN width. */
  expertFeedForwardLength?: number;
  /** Tokens in the vocabulary (`tokenizer.ggml.tokens`' length, or `vocab_size`). */
  vocabSize?: number;
  /** Recurrent (Mamba-style) state: `ssm.inner_size`, `ssm.state_size`, `ssm.conv_kernel`, `ssm.group_count`. */
  ssmInnerSize?: number;
  ssmStateSize?: number;
  ssmConvKernel?: number;
  ssmGroupCount?: number;
}

/** The per-layer shape the memory estimate works from. */
export interface ModelShape {
  /** `header`: a pinned GGUF header; `table`: the known-model table; `assumed`: a conservative guess from the file size. */
  basis: "header" | "table" | "assumed";
  architecture: string | undefined;
  layers: number;
  /** Per layer: the K and V row widths (KV heads × key/value length); 0 for a layer without attention. */
  kWidth: readonly number[];
  vWidth: readonly number[];
  /** Per layer: whether llama.cpp gives it a sliding-window cache. */
  swa: readonly boolean[];
  /** The window of the sliding-window layers. */
  slidingWindow: number | undefined;
  /** Attention heads of the widest layer: they size the attention scores. */
  heads: number;
  embd: number;
  /** The widest FFN a token passes: the dense FFN, or the experts used × one expert's width. */
  ff: number;
  vocab: number;
  nCtxTrain: number | undefined;
  /** Recurrent state per sequence in bytes (f32), for layers without a KV cache; 0 for plain transformers. */
  recurrentBytesPerSeq: number;
}

/**
 * How llama.cpp spaces the sliding-window layers of an architecture when the header does not say
 * (`hparams.set_swa_pattern(n)` in its model loader): of every `n` layers, the first `n − 1` are
 * windowed and the last is global. An architecture not listed here with a sliding window in its
 * header is treated as global in every layer: the larger cache, never the smaller.
 */
export const SWA_PERIODS: Readonly<Record<string, number>> = {
  gemma2: 2,
  gemma3: 6,
  gemma3n: 5,
  "gemma-embedding": 6,
  cohere2: 4,
  llama4: 4,
  exaone4: 4,
  "gpt-oss": 2,
};

/** A per-layer value: the array's entry, or the scalar for every layer. */
function perLayer(v: number | number[] | undefined, il: number, fallback: number): number {
  if (Array.isArray(v)) return v[il] ?? fallback;
  return v ?? fallback;
}

function maxOf(v: number | number[] | undefined, fallback: number): number {
  if (Array.isArray(v)) return v.length ? Math.max(...v) : fallback;
  return v ?? fallback;
}

/** Which layers are windowed: the header's per-layer flags, its period, or the architecture's known period. */
function swaLayers(f: ModelFacts, layers: number): boolean[] {
  if (!f.slidingWindow) return Array.from({ length: layers }, () => false);
  const p = f.slidingWindowPattern;
  if (Array.isArray(p)) return Array.from({ length: layers }, (_, il) => p[il] === true);
  const period = typeof p === "number" && p > 0 ? p : SWA_PERIODS[f.architecture];
  if (!period) return Array.from({ length: layers }, () => false);
  return Array.from({ length: layers }, (_, il) => il % period < period - 1);
}

/** Mamba-style state per sequence (llama.cpp's r/s tensors, f32): conv state plus SSM state. */
function recurrentBytes(f: ModelFacts, recurrentLayers: number): number {
  const inner = f.ssmInnerSize ?? 0;
  const state = f.ssmStateSize ?? 0;
  if (!recurrentLayers || !inner) return 0;
  const groups = f.ssmGroupCount ?? 1;
  const conv = Math.max(0, (f.ssmConvKernel ?? 4) - 1) * (inner + 2 * groups * state);
  return recurrentLayers * 4 * (conv + inner * Math.max(state, 1));
}

/**
 * The shape of a pinned model, from its header facts; undefined when the header lacks what the KV
 * cache needs (no block count or no attention heads), so the estimate falls back as for an unknown model.
 */
export function shapeFromFacts(f: ModelFacts): ModelShape | undefined {
  const layers = f.blockCount;
  const embd = f.embeddingLength;
  if (!layers || !embd || f.headCount === undefined) return undefined;
  const kWidth: number[] = [];
  const vWidth: number[] = [];
  let recurrent = 0;
  // llama.cpp's default head width: n_embd / n_head, whatever a layer's own head count.
  const widest = maxOf(f.headCount, 0);
  const headDim = widest > 0 ? embd / widest : 0;
  for (let il = 0; il < layers; il++) {
    const heads = perLayer(f.headCount, il, 0);
    const kvHeads = perLayer(f.headCountKv, il, heads);
    kWidth.push(kvHeads * (f.keyLength ?? headDim));
    vWidth.push(kvHeads * (f.valueLength ?? headDim));
    if (kvHeads === 0) recurrent++;
  }
  const dense = maxOf(f.feedForwardLength, 4 * embd);
  const experts = (f.expertUsedCount ?? 0) * (f.expertFeedForwardLength ?? 0);
  return {
    basis: "header",
    architecture: f.architecture,
    layers,
    kWidth,
    vWidth,
    swa: swaLayers(f, layers),
    slidingWindow: f.slidingWindow || undefined,
    heads: widest,
    embd,
    ff: Math.max(dense, experts),
    vocab: f.vocabSize ?? 256_000,
    nCtxTrain: f.contextLength,
    recurrentBytesPerSeq: recurrentBytes(f, recurrent),
  };
}

/** A table entry's shape (dense attention, the same in every layer). */
export function uniformShape(s: { id: string; layers: number; kvHeads: number; headDim: number; heads: number; embd: number; ff: number; vocab: number; nCtxTrain: number }): ModelShape {
  const width = s.kvHeads * s.headDim;
  return {
    basis: "table",
    architecture: undefined,
    layers: s.layers,
    kWidth: Array.from({ length: s.layers }, () => width),
    vWidth: Array.from({ length: s.layers }, () => width),
    swa: Array.from({ length: s.layers }, () => false),
    slidingWindow: undefined,
    heads: s.heads,
    embd: s.embd,
    ff: s.ff,
    vocab: s.vocab,
    nCtxTrain: s.nCtxTrain,
    recurrentBytesPerSeq: 0,
  };
}

/**
 * A conservative shape for a model of `params` parameters whose architecture nothing tells:
 * a dense transformer without grouped-query attention, as deep as the deepest common ones
 * (width = 80 × layers, so params ≈ 12 × layers × width² gives width = ∛(20·params/3)), 64-wide
 * heads and a 256,000-token vocabulary. Its KV cache per token is at or above every model in the
 * known-model table of that size (Phi-2's 320 KiB per token: this gives 350 KiB), so a limit
 * sized with it errs on the side of room.
 */
export function assumedShape(params: number): ModelShape {
  const embd = Math.max(256, Math.round(Math.cbrt((20 * params) / 3)));
  const layers = Math.max(1, Math.ceil(embd / 80));
  return {
    basis: "assumed",
    architecture: undefined,
    layers,
    kWidth: Array.from({ length: layers }, () => embd),
    vWidth: Array.from({ length: layers }, () => embd),
    swa: Array.from({ length: layers }, () => false),
    slidingWindow: undefined,
    heads: Math.ceil(embd / 64),
    embd,
    ff: 4 * embd,
    vocab: 256_000,
    nCtxTrain: undefined,
    recurrentBytesPerSeq: 0,
  };
}
