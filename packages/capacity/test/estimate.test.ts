import { fallbackChartDefaults, lintPolicy } from "@llmchart/policy";
import { checkValues, defaultConfig, parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { capacityInputs, planCapacity } from "../src/index.js";
import { seedText, SEED } from "./helpers.js";

/** The seed file with resources.limits.memory set to a plain byte count. */
function withLimit(model: (typeof SEED)[number], limit: number): string {
  return seedText(model).replace(/(limits:\n {4}cpu: "\d+"\n {4}memory: )"[^"]+"/, `$1"${limit}"`);
}

const headroomProblems = (path: string, text: string) => {
  const source = parseSource(path, text);
  return lintPolicy([{ source, checked: checkValues(source) }], { chartDefaults: fallbackChartDefaults(defaultConfig) }).filter((p) => p.ruleId === "memory-headroom");
};

describe("capacity's estimate is memory-headroom's", () => {
  for (const model of SEED) {
    it(`${model}: memory-headroom is silent at exactly capacity's memoryBytes and warns one byte below`, () => {
      const path = `values/${model}.yaml`;
      const report = planCapacity({ models: capacityInputs([parseSource(path, seedText(model))]), pools: [] });
      const need = report.models[0]!.estimate!.memoryBytes;
      expect(need).toBeGreaterThan(0);
      expect(headroomProblems(path, withLimit(model, need))).toEqual([]);
      const below = headroomProblems(path, withLimit(model, need - 1));
      expect(below.map((p) => p.path)).toEqual(["resources.limits.memory"]);
      // And capacity flags the same limit as below the estimate.
      const again = planCapacity({ models: capacityInputs([parseSource(path, withLimit(model, need - 1))]), pools: [] });
      expect(again.models[0]!.limitBelowEstimate).toBe(true);
      expect(planCapacity({ models: capacityInputs([parseSource(path, withLimit(model, need))]), pools: [] }).models[0]!.limitBelowEstimate).toBe(false);
    });
  }

  it("itemises the same parts the rule's message lists", () => {
    const path = "values/phi2.yaml";
    const e = planCapacity({ models: capacityInputs([parseSource(path, seedText("phi2"))]), pools: [] }).models[0]!.estimate!;
    expect(e.memoryBytes).toBe(e.weightsBytes + (e.kvCacheBytes ?? 0) + e.computeBytes + (e.promptCacheBytes ?? 0) + e.headroomBytes);
    const [warning] = headroomProblems(path, seedText("phi2"));
    expect(warning!.message).toContain(e.breakdown);
  });
});
