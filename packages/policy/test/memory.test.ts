import { describe, expect, it } from "vitest";
import type { PinnedModel } from "../src/lock.js";
import { estimateMemory, type MemoryServerDefaults } from "../src/memory.js";
import { modelOfValues } from "../src/model.js";
import { effectiveModel } from "../src/effective.js";
import { GEMMA2, lockOf, QWEN } from "./pinned.js";

const MiB = 2 ** 20;

/** b4747's defaults: -c 4096, one slot, no prompt cache, -fa a switch (off), no sliding-window cache. */
const B4747: MemoryServerDefaults = { ctxSize: 4096, parallel: 1, kvUnifiedWhenAuto: false, cacheRamMiB: undefined, flashAttnTakesValue: false };

/** TinyLlama 1.1B's GGUF header facts (Q8_0, 1,115 MiB). */
const TINYLLAMA: PinnedModel = {
  repoId: "TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF",
  filename: "tinyllama-1.1b-chat-v1.0.Q8_0.gguf",
  sizeBytes: 1_169_819_616,
  source: "test",
  readAt: "2025-01-01T00:00:00.000Z",
  facts: { architecture: "llama", contextLength: 2048, embeddingLength: 2048, blockCount: 22, feedForwardLength: 5632, headCount: 32, headCountKv: 4, vocabSize: 32000 },
};

const pinned = (entry: PinnedModel) => modelOfValues({ repoId: entry.repoId, filename: entry.filename }, lockOf(entry))!;

describe("estimateMemory from a pinned header", () => {
  it("matches the KV cache and compute buffer b4747 logs for TinyLlama's shapes at -c 2048 and -c 8192", () => {
    const model = pinned(TINYLLAMA);
    const at = (ctx: number) => estimateMemory({ fileBytes: TINYLLAMA.sizeBytes, fileSize: "lock", model, ctx, serverDefaults: B4747 });
    // llama.cpp's log: "KV self size = 44.00 MiB" / "176.00 MiB"; "CPU compute buffer size = 148.01 MiB" / "544 MiB".
    // The estimate adds the CPU backend's work buffer: the f16 copy of the attention scores (half their size).
    expect(at(2048).kvCacheBytes).toBe(44 * MiB);
    expect(at(2048).computeBytes).toBe((148 + 64) * MiB);
    expect(at(8192).kvCacheBytes).toBe(176 * MiB);
    expect(at(8192).computeBytes).toBe((544 + 256) * MiB);
    expect(at(8192).promptCacheBytes).toBe(0);
    // This build has no prompt cache: the breakdown names none.
    expect(at(8192).breakdown).not.toContain("prompt cache");
    // The compute buffers grow with the context: the constant headroom of old could not.
    expect(at(8192).memoryBytes - at(2048).memoryBytes).toBe((176 - 44 + 800 - 212) * MiB);
  });

  it("drops the attention scores with flash attention", () => {
    const model = pinned(TINYLLAMA);
    const off = estimateMemory({ fileBytes: 1, model, ctx: 8192, serverDefaults: B4747 });
    const on = estimateMemory({ fileBytes: 1, model, ctx: 8192, serverDefaults: B4747, flashAttn: "on" });
    expect(on.flashAttention).toBe(true);
    expect(off.computeBytes - on.computeBytes).toBeGreaterThan(700 * MiB);
  });

  it("counts the logits of one token per slot for completions, and of every token with --embedding", () => {
    const model = pinned(QWEN);
    const completions = effectiveModel({ model: { repoId: QWEN.repoId, filename: QWEN.filename }, extraArgs: ["-c", "512", "-np", "1", "-fa", "on"] }, { modelLock: lockOf(QWEN) }).estimate!;
    const embeddings = effectiveModel({ model: { repoId: QWEN.repoId, filename: QWEN.filename }, extraArgs: ["-c", "512", "-np", "1", "-fa", "on", "--embedding"] }, { modelLock: lockOf(QWEN) }).estimate!;
    // 152,064 tokens × 512 outputs × 4 bytes = 297 MiB of logits, which llama.cpp reserves but a
    // completion never touches: for completions the FFN stage (125 MiB) is the largest.
    expect(embeddings.computeBytes - completions.computeBytes).toBeGreaterThan(150 * MiB);
    expect(model.shape?.vocab).toBe(152064);
  });

  it("sizes Gemma 2's sliding-window layers to their window where the build does, and to the context where it does not", () => {
    const model = pinned(GEMMA2);
    const perCell = 8 * 256 * 2 * 2; // KV heads × head width × (K + V) × f16
    const windowed = estimateMemory({ fileBytes: GEMMA2.sizeBytes, model, ctx: 8192, parallel: 1 });
    // 21 global layers × 8192 cells + 21 windowed layers × (4096 + 512) cells.
    expect(windowed.kvCacheBytes).toBe((21 * 8192 + 21 * 4608) * perCell);
    expect(windowed.breakdown).toContain("21 of 42 layers windowed to 4608 cells");
    const full = estimateMemory({ fileBytes: GEMMA2.sizeBytes, model, ctx: 8192, parallel: 1, swaFull: true });
    expect(full.kvCacheBytes).toBe(42 * 8192 * perCell);
    const oldBuild = estimateMemory({ fileBytes: GEMMA2.sizeBytes, model, ctx: 8192, serverDefaults: B4747 });
    expect(oldBuild.kvCacheBytes).toBe(42 * 8192 * perCell);
    expect(oldBuild.breakdown).toContain("21 of 42 layers sliding-window but given the whole context");
  });

  it("gives unified slots one pool and each slot of a split cache its own padded share", () => {
    const model = pinned(QWEN);
    const perCell = 28 * 4 * 128 * 2 * 2;
    expect(estimateMemory({ fileBytes: 1, model, ctx: 4096 }).kvCacheBytes).toBe(4096 * perCell);
    // -np 3 without --kv-unified: 3 × ceil(4000 / 3 → 1334 → 1536 cells).
    expect(estimateMemory({ fileBytes: 1, model, ctx: 4000, parallel: 3 }).kvCacheBytes).toBe(3 * 1536 * perCell);
  });

  it("counts no KV cache for layers without attention (per-layer head_count_kv of a hybrid model)", () => {
    const hybrid: PinnedModel = { ...QWEN, facts: { ...QWEN.facts, architecture: "hybrid", blockCount: 4, headCount: 28, headCountKv: [0, 4, 0, 4] } };
    const est = estimateMemory({ fileBytes: 1, model: pinned(hybrid), ctx: 1024, parallel: 1 });
    expect(est.kvCacheBytes).toBe(2 * 1024 * 4 * 128 * 2 * 2);
  });

  it("gives the same estimate through the values file (effectiveModel) as from the pinned facts directly", () => {
    const values = { model: { repoId: QWEN.repoId, filename: QWEN.filename }, extraArgs: ["-c", "8192", "-np", "2", "--cache-ram", "512"] };
    const e = effectiveModel(values, { modelLock: lockOf(QWEN) });
    expect(e.model?.fileSize).toBe("lock");
    expect(e.estimate).toEqual(estimateMemory({ fileBytes: QWEN.sizeBytes, fileSize: "lock", model: e.model!, ctx: 8192, parallel: 2, cacheRamMiB: 512, kvTypes: { k: "f16", v: "f16" }, copies: 1 }));
    expect(e.estimate?.breakdown).toMatch(/^model 4\.4 GiB pinned \+ KV cache 448 MiB \(-c 8192, f16, 28 layers, 2 slots of 4096 cells; from the pinned GGUF header\)/);
  });
});
