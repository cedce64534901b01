import { describe, expect, it } from "vitest";
import { BITS_PER_WEIGHT, estimateModel, knownModels, kvCacheBytes, paramsOf, quantOf } from "../src/model.js";
import { assumedShape } from "../src/shape.js";

const GiB = 2 ** 30;

describe("estimateModel", () => {
  it("knows the seed's phi-2", () => {
    const { shape, ...rest } = estimateModel("phi-2.Q4_K_M.gguf")!;
    expect(rest).toEqual({
      model: "phi-2",
      quant: "Q4_K_M",
      params: 2.78e9,
      bpw: 4.89,
      fileBytes: Math.round((2.78e9 * 4.89) / 8),
      layers: 32,
      kvHeads: 32,
      headDim: 80,
      nCtxTrain: 2048,
    });
    expect(shape).toMatchObject({ basis: "table", layers: 32, heads: 32, embd: 2560, vocab: 51200, nCtxTrain: 2048 });
    expect(shape!.kWidth).toEqual(Array.from({ length: 32 }, () => 32 * 80));
  });

  it("knows the seed's Mistral-7B v0.2 and the Dolphin fine-tune on it", () => {
    expect(estimateModel("mistral-7b-instruct-v0.2.Q4_K_M.gguf")).toMatchObject({ model: "mistral-7b", params: 7.24e9, layers: 32, kvHeads: 8, headDim: 128, nCtxTrain: 32768 });
    expect(estimateModel("dolphin-2.6-mistral-7b.Q4_K_M.gguf")).toMatchObject({ model: "dolphin-mistral-7b", params: 7.24e9, nCtxTrain: 16384 });
  });

  it("estimates file sizes within 10% of the published ones", () => {
    // TheBloke's listings: phi-2.Q4_K_M 1.79 GB, mistral-7b-instruct-v0.2.Q4_K_M 4.37 GB.
    const within10 = (estimate: number, actual: number) => Math.abs(estimate / actual - 1) < 0.1;
    expect(within10(estimateModel("phi-2.Q4_K_M.gguf")!.fileBytes!, 1.79e9)).toBe(true);
    expect(within10(estimateModel("mistral-7b-instruct-v0.2.Q4_K_M.gguf")!.fileBytes!, 4.37e9)).toBe(true);
    // The reference check: 8.03B parameters at Q8_0 is 7.95 GiB.
    expect(estimateModel("Meta-Llama-3.1-8B-Instruct-Q8_0.gguf")!.fileBytes! / GiB).toBeCloseTo(7.95, 1);
  });

  it("takes the model from the repository id when the file name says only the quantisation", () => {
    expect(estimateModel("model.Q5_K_M.gguf", "TheBloke/phi-2-GGUF")).toMatchObject({ model: "phi-2", quant: "Q5_K_M", bpw: 5.7 });
  });

  it("reads parameter counts from names it does not know, and assumes a conservative shape for them", () => {
    const { shape, ...rest } = estimateModel("acme-13b-chat.Q8_0.gguf")!;
    expect(rest).toEqual({ quant: "Q8_0", params: 13e9, bpw: 8.5, fileBytes: Math.round((13e9 * 8.5) / 8) });
    expect(shape?.basis).toBe("assumed");
  });

  it("never assumes a smaller KV cache than a known model of the same size has (no architecture is counted as 0)", () => {
    for (const k of knownModels) {
      const assumed = kvCacheBytes({ shape: assumedShape(k.params) }, 4096)!;
      const known = kvCacheBytes(k, 4096)!;
      expect(assumed, k.id).toBeGreaterThanOrEqual(known);
    }
  });

  it("returns undefined when it knows nothing", () => {
    expect(estimateModel("my-finetune.gguf")).toBeUndefined();
    expect(estimateModel()).toBeUndefined();
  });
});

describe("quantOf / paramsOf", () => {
  it.each([
    ["phi-2.Q4_K_M.gguf", "Q4_K_M"],
    ["model-q4_0.gguf", "Q4_0"],
    ["x.IQ4_XS.gguf", "IQ4_XS"],
    ["x.Q4_K_S.gguf", "Q4_K_S"],
    ["x-f16.gguf", "F16"],
    ["x.bf16.gguf", "BF16"],
    ["x.Q6_K.gguf", "Q6_K"],
    ["plain.gguf", undefined],
  ])("%s → %s", (name, quant) => {
    expect(quantOf(name)).toBe(quant);
  });

  it.each([
    ["mistral-7b-instruct-v0.2.Q4_K_M.gguf", 7e9],
    ["phi-2.7B.Q4_0.gguf", 2.7e9],
    ["qwen2.5-1.5b-instruct-q4_k_m.gguf", 1.5e9],
    ["SmolLM2-135M-Instruct-Q8_0.gguf", 135e6],
    ["mixtral-8x7b-v0.1.Q4_K_M.gguf", 8 * 7e9 * 0.83],
    ["dolphin-2.6-phi-2.Q4_K_M.gguf", undefined],
  ])("%s → %s parameters", (name, params) => {
    const p = paramsOf(name);
    if (params === undefined) expect(p).toBeUndefined();
    else expect(p).toBeCloseTo(params, -3);
  });

  it("has the bits per weight of the reference table", () => {
    expect(BITS_PER_WEIGHT).toMatchObject({ Q4_0: 4.5, Q4_K_M: 4.89, Q5_K_M: 5.7, Q6_K: 6.5625, Q8_0: 8.5, F16: 16 });
  });
});

describe("kvCacheBytes", () => {
  it("is 2 × layers × ctx × kv heads × head dim × 2 bytes for the default f16 cache", () => {
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096)).toBe(2 * 32 * 4096 * 8 * 128 * 2);
    // Reference table: Llama-3.1-8B 512 MiB at 4096, Qwen2.5-7B 1.75 GiB at 32768.
    expect(kvCacheBytes(estimateModel("Meta-Llama-3.1-8B.Q4_K_M.gguf")!, 4096)).toBe(512 * 2 ** 20);
    expect(kvCacheBytes(estimateModel("qwen2.5-7b-instruct-q4_k_m.gguf")!, 32768)).toBe(1.75 * GiB);
  });

  it("respects -ctk/-ctv", () => {
    const f16 = kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096)!;
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096, { k: "q8_0", v: "q8_0" })).toBe(Math.round((f16 * 34) / 32 / 2));
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096, { k: "q4_0", v: "f16" })).toBe(Math.round(32 * 4096 * 8 * 128 * (18 / 32 + 2)));
  });

  it("is undefined for an unknown architecture or cache type", () => {
    expect(kvCacheBytes({ layers: 32 }, 4096)).toBeUndefined();
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096, { k: "q3_k" })).toBeUndefined();
  });
});
