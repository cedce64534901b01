import { describe, expect, it } from "vitest";
import { parseQuantity } from "../src/quantity.js";

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
