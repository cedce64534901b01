import type { ModelLock, PinnedModel } from "../src/lock.js";

/** Lock entries with the shapes of real models (from their GGUF headers), for tests. */
export const PHI2: PinnedModel = {
  repoId: "TheBloke/phi-2-GGUF",
  filename: "phi-2.Q4_K_M.gguf",
  sha256: "a".repeat(64),
  sizeBytes: 1_789_239_136,
  source: "https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf",
  readAt: "2025-01-01T00:00:00.000Z",
  facts: { architecture: "phi2", fileType: "Q4_K_M", parameters: 2_779_683_840, contextLength: 2048, embeddingLength: 2560, blockCount: 32, feedForwardLength: 10240, headCount: 32, headCountKv: 32, vocabSize: 51200 },
};

/** Gemma 2 9B: every other layer a 4096-token sliding window, 256-wide heads. */
export const GEMMA2: PinnedModel = {
  repoId: "bartowski/gemma-2-9b-it-GGUF",
  filename: "gemma-2-9b-it-Q4_K_M.gguf",
  sha256: "b".repeat(64),
  sizeBytes: 5_761_057_728,
  source: "https://huggingface.co/bartowski/gemma-2-9b-it-GGUF/resolve/main/gemma-2-9b-it-Q4_K_M.gguf",
  readAt: "2025-01-01T00:00:00.000Z",
  facts: {
    architecture: "gemma2",
    fileType: "Q4_K_M",
    parameters: 9_241_705_984,
    contextLength: 8192,
    embeddingLength: 3584,
    blockCount: 42,
    feedForwardLength: 14336,
    headCount: 16,
    headCountKv: 8,
    keyLength: 256,
    valueLength: 256,
    slidingWindow: 4096,
    vocabSize: 256000,
  },
};

/** Qwen2.5 7B: grouped-query attention (28 heads, 4 KV heads). */
export const QWEN: PinnedModel = {
  repoId: "Qwen/Qwen2.5-7B-Instruct-GGUF",
  filename: "qwen2.5-7b-instruct-q4_k_m.gguf",
  sha256: "c".repeat(64),
  sizeBytes: 4_683_073_952,
  source: "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF/resolve/main/qwen2.5-7b-instruct-q4_k_m.gguf",
  readAt: "2025-01-01T00:00:00.000Z",
  facts: { architecture: "qwen2", fileType: "Q4_K_M", parameters: 7_615_616_512, contextLength: 32768, embeddingLength: 3584, blockCount: 28, feedForwardLength: 18944, headCount: 28, headCountKv: 4, vocabSize: 152064 },
};

export const lockOf = (...entries: PinnedModel[]): ModelLock => ({ file: "llmchart.lock.yaml", entries });
