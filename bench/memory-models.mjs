// The model shapes the memory benchmark writes: real models' hyperparameters (from their
// config.json, as llama.cpp's converter records them) with random weights. Each entry says
// which attention layout it stands for.
import { arr, f32, spmVocab, str, u32 } from "./gguf-writer.mjs";

/** @typedef {{ name: string, type: "Q8_0" | "F16" | "F32", dims: number[] }} Tensor */

export const MODELS = {
  "tinyllama-1.1b": {
    about: "TinyLlama 1.1B (llama): 22 layers, 32 heads, 4 KV heads (grouped-query), Q8_0",
    arch: "llama",
    vocab: 32000,
    embd: 2048,
    layers: 22,
    heads: 32,
    kvHeads: 4,
    ff: 5632,
    ctxTrain: 2048,
  },
  "qwen1.5-0.5b": {
    about: "Qwen1.5 0.5B (qwen2): 24 layers, 16 heads, 16 KV heads (no grouped-query), 151,936-token vocabulary, Q8_0",
    arch: "qwen2",
    vocab: 151936,
    embd: 1024,
    layers: 24,
    heads: 16,
    kvHeads: 16,
    ff: 2816,
    ctxTrain: 32768,
    tiedOutput: true,
    qkvBias: true,
  },
  "gemma-2-2b": {
    about: "Gemma 2 2B (gemma2): 26 layers, 8 heads, 4 KV heads of 256, every other layer a 4096-token sliding window, 256,000-token vocabulary, Q8_0",
    arch: "gemma2",
    vocab: 256000,
    embd: 2304,
    layers: 26,
    heads: 8,
    kvHeads: 4,
    headDim: 256,
    ff: 9216,
    ctxTrain: 8192,
    slidingWindow: 4096,
    tiedOutput: true,
    postNorms: true,
  },
};

/** GGUF metadata for a shape. */
export function metadataOf(id, m) {
  const a = m.arch;
  const headDim = m.headDim ?? m.embd / m.heads;
  return {
    "general.architecture": str(a),
    "general.name": str(`${id} (llmchart memory benchmark, random weights)`),
    "general.file_type": u32(7), // MOSTLY_Q8_0
    [`${a}.context_length`]: u32(m.ctxTrain),
    [`${a}.embedding_length`]: u32(m.embd),
    [`${a}.block_count`]: u32(m.layers),
    [`${a}.feed_forward_length`]: u32(m.ff),
    [`${a}.attention.head_count`]: u32(m.heads),
    [`${a}.attention.head_count_kv`]: u32(m.kvHeads),
    [`${a}.attention.layer_norm_rms_epsilon`]: f32(1e-6),
    [`${a}.rope.dimension_count`]: u32(headDim),
    ...(m.headDim ? { [`${a}.attention.key_length`]: u32(m.headDim), [`${a}.attention.value_length`]: u32(m.headDim) } : {}),
    ...(m.slidingWindow
      ? {
          [`${a}.attention.sliding_window`]: u32(m.slidingWindow),
          [`${a}.attn_logit_softcapping`]: f32(50),
          [`${a}.final_logit_softcapping`]: f32(30),
        }
      : {}),
    ...spmVocab(m.vocab),
    "tokenizer.ggml.add_bos_token": { type: "bool", value: true },
    ...(m.arch === "qwen2" ? { "general.tags": arr("str", ["benchmark"]) } : {}),
  };
}

/** The tensors llama.cpp's loader expects for the shape's architecture (b4747's llama-model.cpp). */
export function tensorsOf(m) {
  const headDim = m.headDim ?? m.embd / m.heads;
  const q = headDim * m.heads;
  const kv = headDim * m.kvHeads;
  /** @type {Tensor[]} */
  const t = [{ name: "token_embd.weight", type: "Q8_0", dims: [m.embd, m.vocab] }, { name: "output_norm.weight", type: "F32", dims: [m.embd] }];
  if (!m.tiedOutput) t.push({ name: "output.weight", type: "Q8_0", dims: [m.embd, m.vocab] });
  for (let i = 0; i < m.layers; i++) {
    const b = `blk.${i}`;
    t.push(
      { name: `${b}.attn_norm.weight`, type: "F32", dims: [m.embd] },
      { name: `${b}.attn_q.weight`, type: "Q8_0", dims: [m.embd, q] },
      { name: `${b}.attn_k.weight`, type: "Q8_0", dims: [m.embd, kv] },
      { name: `${b}.attn_v.weight`, type: "Q8_0", dims: [m.embd, kv] },
      { name: `${b}.attn_output.weight`, type: "Q8_0", dims: [q, m.embd] },
      { name: `${b}.ffn_norm.weight`, type: "F32", dims: [m.embd] },
      { name: `${b}.ffn_gate.weight`, type: "Q8_0", dims: [m.embd, m.ff] },
      { name: `${b}.ffn_up.weight`, type: "Q8_0", dims: [m.embd, m.ff] },
      { name: `${b}.ffn_down.weight`, type: "Q8_0", dims: [m.ff, m.embd] },
    );
    if (m.qkvBias) {
      t.push(
        { name: `${b}.attn_q.bias`, type: "F32", dims: [q] },
        { name: `${b}.attn_k.bias`, type: "F32", dims: [kv] },
        { name: `${b}.attn_v.bias`, type: "F32", dims: [kv] },
      );
    }
    if (m.postNorms) {
      t.push({ name: `${b}.post_attention_norm.weight`, type: "F32", dims: [m.embd] }, { name: `${b}.post_ffw_norm.weight`, type: "F32", dims: [m.embd] });
    }
  }
  return t;
}
