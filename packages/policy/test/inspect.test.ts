import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { inspectValues } from "../src/inspect.js";
import { lint } from "./helpers.js";

const PHI2 = `model:
  repoId: TheBloke/phi-2-GGUF
  filename: phi-2.Q4_K_M.gguf
resources:
  limits:
    memory: 8Gi
extraArgs: ["-c", "4096", "-t", "3"]
`;

describe("inspectValues", () => {
  it("gives the memory estimate the memory-headroom rule judges by", () => {
    const insight = inspectValues(parseSource("values.yaml", PHI2));
    const problem = lint(PHI2).find((p) => p.ruleId === "memory-headroom")!;
    expect(problem.message).toContain(insight.memory!.breakdown);
    expect(insight.memory!.kvCtx).toBe(4096);
    expect(insight.memory!.promptCacheExplicit).toBe(false);
  });

  it("reads the server options and the model as the rules do, chart-added arguments included", () => {
    const insight = inspectValues(parseSource("values.yaml", PHI2));
    expect(insight.args.value("--threads")).toBe("3");
    expect(insight.args.get("-m")).toMatchObject({ source: "chart", value: "/models/phi-2.Q4_K_M.gguf" });
    expect(insight.model?.quant).toBe("Q4_K_M");
  });

  it("merges the chart defaults it is given", () => {
    const insight = inspectValues(parseSource("values.yaml", "model:\n  filename: phi-2.Q4_K_M.gguf\n"), { chartDefaults: { extraArgs: ["-c", "2048"], volume: { models: { mountPath: "/data" } } } });
    expect(insight.args.value("-c")).toBe("2048");
    expect(insight.args.value("-m")).toBe("/data/phi-2.Q4_K_M.gguf");
  });

  it("has no memory estimate when the model size is unknown", () => {
    expect(inspectValues(parseSource("values.yaml", "model:\n  filename: weights.gguf\n")).memory).toBeUndefined();
  });
});
