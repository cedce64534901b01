import { describe, expect, it } from "vitest";
import { checkConfig, checkValues, parseQuantity, parseSource, quantityProblem } from "../src/index.js";

describe("parseQuantity", () => {
  it.each([
    [4, 4],
    ["4", 4],
    ["1500m", 1.5],
    ["0.5", 0.5],
    ["8Gi", 8 * 2 ** 30],
    ["512M", 512e6],
    ["1e3", 1000],
    ["100k", 100000],
  ])("%j → %d", (q, n) => {
    expect(parseQuantity(q)).toBeCloseTo(n, 9);
  });

  it.each([["8GB"], ["-1"], ["abc"], [null], [-3], [""]])("rejects %j", (q) => {
    expect(parseQuantity(q)).toBeUndefined();
  });
});

describe("what Kubernetes would not keep as written", () => {
  it.each([
    ["99999999999999999999", "cpu", "too-large"],
    [1e20, "cpu", "too-large"],
    ["9223372036854776", "cpu", "too-large"],
    ["9223372036854775807m", "cpu", undefined],
    ["8Ei", "bytes", "too-large"],
    ["7Ei", "bytes", undefined],
    ["1e400", "bytes", "too-large"],
    ["1e19", "bytes", "too-large"],
    ["0.0000000001", "bytes", "too-precise"],
    ["1n", "cpu", undefined],
    ["1.5.5", "cpu", "not-a-quantity"],
    ["-1", "cpu", "not-a-quantity"],
  ] as const)("%j as %s → %s", (value, kind, expected) => {
    expect(quantityProblem(value, kind)?.kind).toBe(expected);
  });

  it("parses nothing Kubernetes would cap or round, so capacity never computes with it", () => {
    expect(parseQuantity("99999999999999999999", "cpu")).toBeUndefined();
    expect(parseQuantity(1e20)).toBeUndefined();
    expect(parseQuantity("0.0000000001")).toBeUndefined();
  });
});

describe("schema/quantity", () => {
  it("reports a quantity too large or too fine at its value, and not one the pattern already refuses", () => {
    const text = 'resources:\n  limits:\n    cpu: 99999999999999999999\n    memory: "8Ei"\n  requests:\n    cpu: "1.5.5"\n    memory: "0.0000000001"\npersistence:\n  size: 1e30\n';
    const problems = checkValues(parseSource("v.yaml", text)).problems.sort((a, b) => a.line - b.line);
    expect(problems.map((p) => [p.ruleId, p.messageId, p.path, p.line, p.column])).toEqual([
      ["schema/quantity", "tooLarge", "resources.limits.cpu", 3, 10],
      ["schema/quantity", "tooLarge", "resources.limits.memory", 4, 13],
      ["schema/pattern", "wrongForm", "resources.requests.cpu", 6, 10],
      ["schema/quantity", "tooPrecise", "resources.requests.memory", 7, 13],
      ["schema/quantity", "tooLarge", "persistence.size", 9, 9],
    ]);
    expect(problems[0]!.message).toBe("resources.limits.cpu must be at most 9223372036854775807m: Kubernetes keeps a quantity in 64 bits and caps a larger one, got number 100000000000000000000");
  });

  it("checks the config's node pools the same way", () => {
    const text = 'capacity:\n  nodePools:\n    - name: big\n      cpu: "99999999999999999999"\n      memory: 64Gi\n      count: 1\n';
    const problems = checkConfig(parseSource("llmchart.config.yaml", text, { yaml: "1.2" })).problems;
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([["schema/quantity", "capacity.nodePools[0].cpu"]]);
  });
});
