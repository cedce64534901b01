import { parseSource } from "@llmchart/schema";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { bumpRolloutAnnotation, rotationStamp } from "../src/rotate.js";

describe("bumpRolloutAnnotation", () => {
  it("replaces an existing value in place, keeping every other byte", () => {
    const text = "# keep me\npodAnnotations:\n  config/refresh: '2025-12-12-12:00'  # bump on rotation\n  other: x\nextraArgs: [ -c, '4096' ]\n";
    const out = bumpRolloutAnnotation(parseSource("v.yaml", text), "2026-11-27T10-00-00Z");
    expect(out).toBe("# keep me\npodAnnotations:\n  config/refresh: \"2026-11-27T10-00-00Z\"  # bump on rotation\n  other: x\nextraArgs: [ -c, '4096' ]\n");
  });

  it("adds the annotation to existing podAnnotations, keeping comments", () => {
    const text = "# header\nreplicaCount: 1 # one\npodAnnotations:\n  team: llm\n";
    const out = bumpRolloutAnnotation(parseSource("v.yaml", text), "s1");
    expect(out).toContain("# header");
    expect(out).toContain("# one");
    expect(parse(out)).toEqual({ replicaCount: 1, podAnnotations: { team: "llm", "config/refresh": "s1" } });
  });

  it("creates podAnnotations when absent or null", () => {
    for (const text of ["replicaCount: 1\n", "podAnnotations: null\n", "podAnnotations:\n"]) {
      expect((parse(bumpRolloutAnnotation(parseSource("v.yaml", text), "s2")) as { podAnnotations?: unknown }).podAnnotations).toEqual({ "config/refresh": "s2" });
    }
  });

  it("makes a stamp without colons", () => {
    expect(rotationStamp(new Date("2026-11-27T10:15:00.123Z"))).toBe("2026-11-27T10-15-00Z");
  });
});
