import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { effectiveModel, estimateFor, estimateMemory, HEADROOM_BYTES, HEADROOM_PER_TOKEN, KV_TYPE_BYTES, memoryInputsOf } from "../src/index.js";
import { lint } from "./helpers.js";

const GiB = 2 ** 30;
const MiB = 2 ** 20;

const mistral = (extra = "", limit = "12Gi") => `resources:
  limits:
    cpu: "6"
    memory: "${limit}"
model:
  repoId: TheBloke/Mistral-7B-Instruct-v0.2-GGUF
  filename: mistral-7b-instruct-v0.2.Q4_K_M.gguf
${extra}extraArgs: ["-c", "4096", "-t", "6", "--cache-ram", "1024"]
`;

describe("effectiveModel + estimateMemory (the one memory estimate)", () => {
  it("itemises weights, KV cache, compute buffers, prompt cache and headroom from the effective values", () => {
    const e = effectiveModel(parseSource("m.yaml", mistral()));
    const est = e.estimate!;
    expect(est.fileSize).toBe("name");
    expect(est.weightsBytes).toBe(Math.round((7.24e9 * 4.89) / 8));
    // Mistral-7B: 32 layers × 8 KV heads × 128 dims, f16 K and V, 4096 cells shared by the 4 auto slots.
    expect(est.kvCacheBytes).toBe(32 * 4096 * 8 * 128 * (KV_TYPE_BYTES.f16! * 2));
    expect([est.kvCtx, est.slots, est.kvUnified]).toEqual([4096, 4, true]);
    expect(est.promptCacheBytes).toBe(1024 * MiB);
    expect(est.headroomBytes).toBe(HEADROOM_BYTES + 32000 * HEADROOM_PER_TOKEN);
    expect(est.computeBytes).toBeGreaterThan(0);
    expect(est.memoryBytes).toBe(est.weightsBytes + est.kvCacheBytes! + est.computeBytes + est.promptCacheBytes! + est.headroomBytes);
    expect(est.parts.map((p) => p.id)).toEqual(["weights", "kv", "compute", "prompt", "headroom"]);
    expect(est.breakdown).toMatch(/^model ~4\.1 GiB \+ KV cache 512 MiB \(-c 4096, f16, 32 layers, 4 slots sharing it; from the known-model table\) \+ compute \d+ MiB \(512-token batches, flash attention\) \+ prompt cache 1\.0 GiB \(--cache-ram 1024\) \+ \d+ MiB headroom$/);
  });

  it("takes model.sizeBytes over the size the name suggests", () => {
    const e = effectiveModel({ model: { filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf", sizeBytes: 4_368_439_584 }, extraArgs: ["-c", "4096"] });
    expect(e.estimate?.fileSize).toBe("sizeBytes");
    expect(e.estimate?.weightsBytes).toBe(4_368_439_584);
    expect(e.estimate?.breakdown).toMatch(/^model 4\.1 GiB \+/);
  });

  it("sizes a model whose name tells nothing once model.sizeBytes is given, with a conservative KV cache, never 0", () => {
    expect(effectiveModel({ model: { filename: "weights.gguf" } }).estimate).toBeUndefined();
    const est = effectiveModel({ model: { filename: "weights.gguf", sizeBytes: 3 * GiB }, extraArgs: ["-c", "4096"] }).estimate!;
    expect(est.shapeBasis).toBe("assumed");
    expect(est.kvCacheBytes).toBeGreaterThan(1 * GiB);
    expect(est.breakdown).toContain("architecture unknown: assumed a dense model of this size without grouped-query attention, conservatively");
    expect(est.memoryBytes).toBe(3 * GiB + est.kvCacheBytes! + est.computeBytes + 8192 * MiB + est.headroomBytes);
  });

  it("merges the chart defaults as the rules do (a default -c applies)", () => {
    const chartDefaults = { extraArgs: ["-c", "2048"], model: { enabled: true } };
    const e = effectiveModel({ model: { filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf" } }, { chartDefaults });
    expect(e.estimate?.kvCtx).toBe(2048);
    expect(estimateFor(e)).toEqual(e.estimate);
    expect(estimateMemory({ ...memoryInputsOf(e)!, cacheRamMiB: 8192 })).toEqual({
      ...e.estimate,
      promptCacheExplicit: true,
      parts: e.estimate!.parts.map((p) => (p.id === "prompt" ? { ...p, detail: p.detail.replace("--cache-ram default 8192 MiB", "--cache-ram 8192") } : p)),
      breakdown: e.estimate!.breakdown.replace("--cache-ram default 8192 MiB", "--cache-ram 8192"),
    });
  });

  it("memory-headroom fires exactly below estimateFor's number and not at it", () => {
    const need = effectiveModel(parseSource("m.yaml", mistral())).estimate!.memoryBytes;
    const ids = (limit: number) => lint(mistral("", String(limit))).map((p) => p.ruleId);
    expect(ids(need)).not.toContain("memory-headroom");
    expect(ids(need - 1)).toContain("memory-headroom");
  });

  it("memory-below-model-size fires below model.sizeBytes and names it", () => {
    const problems = lint(mistral("", "3Gi").replace("filename:", "sizeBytes: 4368439584\n  filename:"));
    const p = problems.find((x) => x.ruleId === "memory-below-model-size");
    expect(p?.message).toMatch(/is 4\.1 GiB \(model\.sizeBytes\) before any KV or prompt cache/);
  });
});
