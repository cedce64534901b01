import type { ModelFacts } from "@llmchart/policy";

/** What factsFromHeader reads: a header as `@llmchart/gguf` returns it. */
export interface HeaderLike {
  metadata: Readonly<Record<string, unknown>>;
  tensors: readonly { typeName: string; bytes: number | undefined; shape: readonly number[] }[];
  parameterCount: number;
}

/** `general.file_type` (llama.cpp's `llama_ftype`) by number: the quantisation a file was made with. */
const FILE_TYPES: Readonly<Record<number, string>> = {
  0: "F32",
  1: "F16",
  2: "Q4_0",
  3: "Q4_1",
  7: "Q8_0",
  8: "Q5_0",
  9: "Q5_1",
  10: "Q2_K",
  11: "Q3_K_S",
  12: "Q3_K_M",
  13: "Q3_K_L",
  14: "Q4_K_S",
  15: "Q4_K_M",
  16: "Q5_K_S",
  17: "Q5_K_M",
  18: "Q6_K",
  19: "IQ2_XXS",
  20: "IQ2_XS",
  21: "Q2_K_S",
  22: "IQ3_XS",
  23: "IQ3_XXS",
  24: "IQ1_S",
  25: "IQ4_NL",
  26: "IQ3_S",
  27: "IQ3_M",
  28: "IQ2_S",
  29: "IQ2_M",
  30: "IQ4_XS",
  31: "IQ1_M",
  32: "BF16",
  36: "TQ1_0",
  37: "TQ2_0",
  38: "MXFP4",
};

function count(v: unknown): number | undefined {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/** A number, or one per layer (an array of numbers). */
function perLayer(v: unknown): number | number[] | undefined {
  if (Array.isArray(v)) return v.every((x) => count(x) !== undefined) ? (v as number[]) : undefined;
  return count(v);
}

/** The type most of the weight bytes are in, for a file without `general.file_type`. */
function dominantType(tensors: HeaderLike["tensors"]): string | undefined {
  const bytes = new Map<string, number>();
  for (const t of tensors) if (t.shape.length >= 2 && t.bytes) bytes.set(t.typeName, (bytes.get(t.typeName) ?? 0) + t.bytes);
  return [...bytes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** `sliding_window_pattern`: a period, or one flag per layer (stored as bools or 0/1). */
function swaPattern(v: unknown): number | boolean[] | undefined {
  if (Array.isArray(v)) return v.every((x) => typeof x === "boolean" || x === 0 || x === 1) ? v.map((x) => x === true || x === 1) : undefined;
  return count(v);
}

/**
 * The facts the memory estimate needs from a GGUF header: `general.*`, the architecture's
 * `<arch>.*` keys (per layer where the file has them per layer), the vocabulary size and the
 * parameter count. Undefined when the header names no architecture.
 */
export function factsFromHeader(h: HeaderLike): ModelFacts | undefined {
  const m = h.metadata;
  const arch = m["general.architecture"];
  if (typeof arch !== "string" || !arch) return undefined;
  const key = (k: string) => m[`${arch}.${k}`];
  const tokens = m["tokenizer.ggml.tokens"];
  const ftype = count(m["general.file_type"]);
  const raw: Record<string, unknown> = {
    architecture: arch,
    name: typeof m["general.name"] === "string" ? m["general.name"] : undefined,
    fileType: (ftype !== undefined ? FILE_TYPES[ftype] : undefined) ?? dominantType(h.tensors),
    parameters: count(h.parameterCount),
    contextLength: count(key("context_length")),
    embeddingLength: count(key("embedding_length")),
    blockCount: count(key("block_count")),
    feedForwardLength: perLayer(key("feed_forward_length")),
    headCount: perLayer(key("attention.head_count")),
    headCountKv: perLayer(key("attention.head_count_kv")),
    keyLength: count(key("attention.key_length")),
    valueLength: count(key("attention.value_length")),
    slidingWindow: count(key("attention.sliding_window")),
    slidingWindowPattern: swaPattern(key("attention.sliding_window_pattern")),
    expertCount: count(key("expert_count")),
    expertUsedCount: count(key("expert_used_count")),
    expertFeedForwardLength: count(key("expert_feed_forward_length")),
    vocabSize: Array.isArray(tokens) ? tokens.length : count(key("vocab_size")),
    ssmInnerSize: count(key("ssm.inner_size")),
    ssmStateSize: count(key("ssm.state_size")),
    ssmConvKernel: count(key("ssm.conv_kernel")),
    ssmGroupCount: count(key("ssm.group_count")),
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  return raw as unknown as ModelFacts;
}
