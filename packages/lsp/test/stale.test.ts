import type { Problem } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { carryOver, doesNotParse } from "../src/stale.js";

function problem(line: number, ruleId = "threads-exceed-cpu-limit", endLine = line): Problem {
  return { ruleId, severity: "error", message: "m", file: "v.yaml", line, column: 3, endLine, endColumn: 7, path: "", fix: { range: [0, 1], text: "x" } };
}

describe("carryOver", () => {
  const before = "a\nb\nc\nd\ne\n";

  it("keeps lines above the edit in place and moves lines below it by the lines added", () => {
    const after = "a\nb\nnew\nnew2\nc\nd\ne\n";
    expect(carryOver(before, after, [problem(1), problem(4)]).map((p) => [p.line, p.endLine])).toEqual([[1, 1], [6, 6]]);
  });

  it("drops problems on a changed line, and ranges that reach into one", () => {
    const after = "a\nB\nc\nd\ne\n";
    expect(carryOver(before, after, [problem(2), problem(1, undefined, 2), problem(3)]).map((p) => p.line)).toEqual([3]);
  });

  it("moves lines up when lines are removed, and drops the old text's fixes and YAML errors", () => {
    const after = "a\nd\ne\n";
    const out = carryOver(before, after, [problem(5), problem(1, "yaml/syntax")]);
    expect(out.map((p) => p.line)).toEqual([3]);
    expect(out[0]!.fix).toBeUndefined();
  });
});

describe("doesNotParse", () => {
  it("is a YAML error, not a schema error or a YAML warning", () => {
    expect(doesNotParse([problem(1, "yaml/syntax")])).toBe(true);
    expect(doesNotParse([problem(1, "schema/unknown-property"), { ...problem(1, "yaml/ambiguous-scalar"), severity: "warning" }])).toBe(false);
  });
});
