// A schema error hides only the rules that need the value it is about: lintPolicy judges what a
// file says wherever it can be interpreted, and a rule that read an invalid value says nothing.
import { checkValues, parseSource, type Problem } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { lintPolicy } from "../src/engine.js";
import { invalidPaths, withoutPaths } from "../src/invalid-values.js";

const PHI = "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\n";

/** Schema and policy problems of one inline file, as `llmchart lint` reports them: `line:col ruleId`. */
function lintAll(text: string): string[] {
  const source = parseSource("values.yaml", text);
  const checked = checkValues(source);
  const problems: Problem[] = [...checked.problems, ...lintPolicy([{ source, checked }])];
  return problems.filter((p) => p.severity === "error").map((p) => `${p.line}:${p.column} ${p.ruleId}`).sort();
}

function ruleIds(text: string): string[] {
  const source = parseSource("values.yaml", text);
  return [...new Set(lintPolicy([{ source, checked: checkValues(source) }]).map((p) => p.ruleId))].sort();
}

describe("lintPolicy on a file with schema errors", () => {
  it("reports the llama.cpp errors next to the schema error (issue 23's example)", () => {
    const text = [
      'replicaCount: "two"',
      PHI.trimEnd(),
      "resources:",
      "  requests:",
      '    cpu: "4"',
      "    memory: 1Gi",
      "  limits:",
      '    cpu: "4"',
      "    memory: 1Gi",
      'extraArgs: ["-m", "/models/phi-2.Q5_K_M.gguf", "-c", "2048", "-t", "16"]',
      "",
    ].join("\n");
    expect(lintAll(text)).toEqual([
      "11:13 memory-below-model-size",
      "1:15 schema/type",
      "12:19 model-path",
      "12:68 threads-exceed-cpu-limit",
    ].sort());
  });

  it("hides threads-exceed-cpu-limit behind a CPU limit of the wrong type, and still reports the -m mismatch", () => {
    const text = `${PHI}resources:\n  limits:\n    cpu: [4]\nextraArgs: ["-m", "/models/other.gguf", "-t", "16"]\n`;
    expect(lintAll(text)).toEqual(["6:10 schema/type", "7:19 model-path"]);
  });

  it("hides the flag rules behind an extraArgs item of the wrong type, and still reports the resources rules", () => {
    const text = `${PHI}resources:\n  requests:\n    cpu: "8"\n  limits:\n    cpu: "4"\nextraArgs: ["-t", "16", {a: b}, "--bogus"]\n`;
    const ids = ruleIds(text);
    expect(ids).toContain("requests-exceed-limits");
    for (const hidden of ["threads-exceed-cpu-limit", "unknown-flag", "flag-value", "cpu-limit-missing"]) expect(ids).not.toContain(hidden);
  });

  it("keeps the llama.cpp findings next to an unknown key in resources (a typo such as requestz)", () => {
    const text = `${PHI}resources:\n  requestz:\n    cpu: "1"\n  limits:\n    cpu: "4"\nextraArgs: ["-m", "/models/other.gguf", "-t", "16"]\n`;
    expect(lintAll(text)).toEqual(["5:3 schema/unknown-property", "9:19 model-path", "9:47 threads-exceed-cpu-limit"]);
  });

  it("hides the rules that read a missing required property, and only those", () => {
    // extraEnv[0] lacks its name: the server options are unknown, the resources are not.
    const text = `${PHI}resources:\n  requests:\n    cpu: "8"\n  limits:\n    cpu: "4"\nextraEnv:\n  - value: "16"\nextraArgs: ["-t", "16"]\n`;
    const ids = ruleIds(text);
    expect(ids).toContain("requests-exceed-limits");
    expect(ids).not.toContain("threads-exceed-cpu-limit");
  });

  it("never throws on values of the wrong type where the rules derive server options, model and memory", () => {
    for (const bad of ["extraArgs: 5", "extraArgs: [1, {a: b}]", 'model: "x"', "resources:\n  limits:\n    cpu: [1]", "extraEnv: {}", "extraEnv: [5, [1], {name: 3}]", "volume: 3", "service:\n  port: [1]", "persistence: yes"]) {
      expect(() => lintAll(`${bad}\n`), bad).not.toThrow();
    }
  });

  it("does not call a disable comment unused when its rule was skipped for an invalid value", () => {
    const text = `${PHI}resources:\n  limits:\n    cpu: [4]\n# llmchart-disable-next-line threads-exceed-cpu-limit -- one core per thread is fine here\nextraArgs: ["-t", "16"]\n`;
    expect(ruleIds(text)).not.toContain("unused-disable");
  });

  it("still skips a file that is not YAML", () => {
    expect(ruleIds(`${PHI}extraArgs: ["-t", "16"\nresources: [\n`)).toEqual([]);
  });
});

describe("invalidPaths", () => {
  const paths = (text: string) => {
    const source = parseSource("values.yaml", text);
    return invalidPaths(checkValues(source).problems);
  };

  it("takes the value of a wrong type, an unknown key and the missing property itself", () => {
    expect(paths('replicaCount: "two"\nresources:\n  requestz: {}\nextraEnv:\n  - value: x\n')).toEqual([["replicaCount"], ["resources", "requestz"], ["extraEnv", 0, "name"]]);
  });

  it("leaves a warning's value readable", () => {
    expect(paths("extraArgs: [-np, y]\n")).toEqual([]);
  });
});

describe("withoutPaths", () => {
  it("removes map entries, blanks list items in place and leaves the input alone", () => {
    const shared = Object.freeze({ cpu: "1" });
    const data = { a: { b: 1, c: 2 }, list: ["x", { y: 1 }, "z"], requests: shared };
    const out = withoutPaths(data, [["a", "b"], ["list", 1], ["requests", "cpu"], ["no", "such"]]);
    expect(out).toEqual({ a: { c: 2 }, list: ["x", undefined, "z"], requests: {} });
    expect(data).toEqual({ a: { b: 1, c: 2 }, list: ["x", { y: 1 }, "z"], requests: { cpu: "1" } });
  });

  it("empties everything for the whole file", () => {
    expect(withoutPaths({ a: 1 }, [[]])).toEqual({});
  });
});
