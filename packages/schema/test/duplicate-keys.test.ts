import { describe, expect, it } from "vitest";
import { checkValues, parseSource, type ParseWork } from "../src/index.js";

/** A values file of about 1 MiB with `keys` top-level keys (k0, k1, …) and `tail` appended. */
function bigFile(keys: number, tail = ""): string {
  let bare = 0;
  for (let i = 0; i < keys; i++) bare += `k${i}: \n`.length;
  const pad = "x".repeat(Math.max(0, Math.floor((1024 * 1024 - 64 - bare) / keys)));
  const lines: string[] = [];
  for (let i = 0; i < keys; i++) lines.push(`k${i}: ${pad}`);
  // The rounding left over goes to the first value, so the file is just under 1 MiB.
  lines[0] = `${lines[0] ?? ""}${"x".repeat(Math.max(0, 1024 * 1024 - 64 - bare - pad.length * keys))}`;
  return `${lines.join("\n")}\n${tail}`;
}

describe("duplicate keys are found in linear work (a Set per mapping)", () => {
  it("looks each key up once in a 1 MiB file with 60,000 keys, and still finds the duplicate", () => {
    const text = bigFile(60_000, "k17: again\n");
    expect(text.length).toBeGreaterThan(1024 * 1024 - 100);
    expect(text.length).toBeLessThanOrEqual(1024 * 1024);
    const work: ParseWork = { keyLookups: 0 };
    const source = parseSource("big.yaml", text, { work });
    // One lookup per key: the yaml library's own check compared each key with every earlier one
    // (60,000² / 2 = 1.8 billion comparisons).
    expect(work.keyLookups).toBe(60_001);
    const { problems } = checkValues(source);
    const dup = problems.filter((p) => p.ruleId === "yaml/duplicate-key");
    expect(dup).toEqual([expect.objectContaining({ line: 60_001, column: 1, severity: "error" })]);
  });

  it("counts keys of nested and flow mappings too, each mapping with its own Set", () => {
    const work: ParseWork = { keyLookups: 0 };
    const source = parseSource("v.yaml", "a:\n  b: 1\n  c: {d: 1, d: 2}\ne: [ {f: 1}, {f: 2} ]\na: 3\n", { work });
    expect(work.keyLookups).toBe(9);
    const dup = checkValues(source).problems.filter((p) => p.ruleId === "yaml/duplicate-key");
    expect(dup.map((p) => `${p.line}:${p.column}`)).toEqual(["3:13", "5:1"]);
  });

  it("compares keys as the yaml library did: 1 and \"1\" differ, alias keys never collide, null keys do", () => {
    const dups = (text: string) => checkValues(parseSource("v.yaml", text)).problems.filter((p) => p.ruleId === "yaml/duplicate-key").map((p) => `${p.line}:${p.column}`);
    expect(dups('podAnnotations:\n  1: a\n  "1": b\n')).toEqual([]);
    expect(dups("a: &k x\nb:\n  *k : 1\n  *k : 2\n")).toEqual([]);
    expect(dups("podAnnotations:\n  ? \n  : a\n  ? \n  : b\n")).toHaveLength(1);
  });
});
