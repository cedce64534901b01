import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkValues } from "../src/values.js";
import { parseSource } from "../src/source-file.js";

const seedDir = join(import.meta.dirname, "..", "..", "..", "infra", "apps", "llm", "values");

function check(text: string) {
  return checkValues(parseSource("values.yaml", text)).problems;
}

function only(text: string) {
  const problems = check(text);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe("values schema: the seed layout", () => {
  const files = readdirSync(seedDir).filter((f) => f.endsWith(".yaml"));

  it("bundles the seed's three models", () => {
    expect(files.sort()).toEqual(["dolphin-phi2.yaml", "mistral7b.yaml", "phi2.yaml"]);
  });

  it.each(files)("accepts %s unchanged", (f) => {
    const text = readFileSync(join(seedDir, f), "utf8");
    expect(check(text)).toEqual([]);
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../../../schemas/values.schema.json");
  });
});

describe("values schema: positions", () => {
  it("points an unknown key at the key, with a suggestion", () => {
    const p = only("replicaCount: 1\nmodle:\n  repoId: a/b\n");
    expect(p).toMatchObject({ ruleId: "schema/unknown-property", messageId: "unknownProperty", line: 2, column: 1, endLine: 2, endColumn: 6, path: "modle", severity: "error" });
    expect(p.message).toContain('did you mean "model"');
  });

  it("points a nested unknown key at the nested key", () => {
    const p = only("resources:\n  limits:\n    cpu: 2\n  requets:\n    cpu: 1\n");
    expect(p).toMatchObject({ ruleId: "schema/unknown-property", line: 4, column: 3, path: "resources.requets" });
    expect(p.message).toContain('"requests"');
  });

  it("catches resouces: at the top level", () => {
    const p = only("resouces:\n  limits:\n    cpu: 2\n");
    expect(p).toMatchObject({ ruleId: "schema/unknown-property", line: 1, column: 1 });
    expect(p.message).toContain('did you mean "resources"');
  });

  it("points a wrong type at the value", () => {
    const p = only('replicaCount: "one"\n');
    expect(p).toMatchObject({ ruleId: "schema/type", messageId: "wrongType", line: 1, column: 15, endColumn: 20, path: "replicaCount" });
    expect(p.message).toBe('replicaCount must be an integer, got string "one"');
  });

  it("points into lists with an indexed path", () => {
    const p = only("extraArgs:\n  - -c\n  - [4096]\n");
    expect(p).toMatchObject({ ruleId: "schema/type", line: 3, column: 5, path: "extraArgs[1]" });
  });

  it("points a missing required property at the parent mapping", () => {
    const p = only("extraEnv:\n  - value: x\n");
    expect(p).toMatchObject({ ruleId: "schema/required", line: 2, column: 5, path: "extraEnv[0]" });
    expect(p.message).toContain('"name"');
  });

  it("names the missing property as data, so no tool parses the message for it", () => {
    const p = only("extraEnv:\n  - value: x\n");
    expect(p.data).toEqual({ missingProperty: "name" });
  });

  it("names the allowed values of an enum", () => {
    const p = only("service:\n  type: Loadbalancer\n");
    expect(p).toMatchObject({ ruleId: "schema/enum", line: 2, column: 9, path: "service.type" });
    expect(p.message).toContain('did you mean "LoadBalancer"');
  });

  it("quotes keys that are not identifiers in paths", () => {
    const p = only('podAnnotations:\n  "config/refresh": 5\n');
    expect(p).toMatchObject({ ruleId: "schema/type", path: 'podAnnotations["config/refresh"]', line: 2, column: 21 });
  });
});

describe("values schema: Kubernetes quantities", () => {
  it.each([["4"], [4], ["0.5"], ["1500m"], ["8Gi"], ["512M"], ["512Mi"], ["1e3"], [0.5]])("accepts cpu %j", (q) => {
    expect(check(`resources:\n  limits:\n    cpu: ${JSON.stringify(q)}\n`)).toEqual([]);
  });

  it.each([["4 cores"], ["8GB"], ["8gi"], ["-1"], ["1.5.2"], [""], ["Gi"]])("rejects %j at the value", (q) => {
    const p = only(`resources:\n  limits:\n    memory: ${JSON.stringify(q)}\n`);
    expect(p).toMatchObject({ ruleId: "schema/pattern", line: 3, column: 13, path: "resources.limits.memory" });
    expect(p.message).toContain("Kubernetes quantity");
  });

  it("rejects a negative number", () => {
    expect(only("resources:\n  limits:\n    cpu: -2\n")).toMatchObject({ ruleId: "schema/minimum", line: 3, column: 10 });
  });

  it("rejects an unknown resource name", () => {
    expect(only("resources:\n  limits:\n    cpus: 2\n")).toMatchObject({ ruleId: "schema/property-name", line: 3, column: 5 });
  });
});

describe("values schema: string lengths", () => {
  it("rejects an empty pull-secret name (ajv's runtime length helper loads under Node and Vite)", () => {
    expect(only('imagePullSecrets:\n  - name: ""\n')).toMatchObject({ ruleId: "schema/min-length", line: 2, column: 11, path: "imagePullSecrets[0].name" });
  });
});

describe("values schema: model", () => {
  it("accepts a lowercase sha256", () => {
    expect(check(`model:\n  sha256: ${"a".repeat(64)}\n`)).toEqual([]);
  });

  it.each([["A".repeat(64)], ["a".repeat(63)], ["g".repeat(64)]])("rejects sha256 %s", (h) => {
    expect(only(`model:\n  sha256: ${h}\n`)).toMatchObject({ ruleId: "schema/pattern", path: "model.sha256", line: 2, column: 11 });
  });

  it("requires a .gguf file name without directories", () => {
    expect(only("model:\n  filename: models/x.gguf\n")).toMatchObject({ ruleId: "schema/pattern", path: "model.filename" });
  });
});

describe("values files as Helm reads them", () => {
  it("treats null as removing a chart default, not as a type error", () => {
    expect(check("nodeSelector: null\nresources:\n  limits: ~\n")).toEqual([]);
  });

  it("treats an empty file and a comment-only file as no values", () => {
    expect(check("")).toEqual([]);
    expect(check("# nothing here\n")).toEqual([]);
  });

  it("rejects a list at the top level", () => {
    expect(only("- a\n- b\n")).toMatchObject({ ruleId: "schema/type", line: 1, column: 1 });
  });

  it("closes Kubernetes objects: a field Kubernetes does not know is an error at its key", () => {
    const problems = check("affinity:\n  nodeAffinity:\n    anything: true\ntolerations:\n  - key: llm-only\n    futureField: 1\n");
    expect(problems.map((p) => [p.ruleId, p.line, p.column, p.path]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ["schema/unknown-property", 3, 5, "affinity.nodeAffinity.anything"],
      ["schema/unknown-property", 6, 5, "tolerations[0].futureField"],
    ]);
  });
});

describe("a mapping of thousands of unknown keys", () => {
  it("lists the first 100 and counts the rest in one problem, so work and output stay bounded", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `k${i}: x`).join("\n") + "\n";
    const { problems } = checkValues(parseSource("values.yaml", text));
    const unknown = problems.filter((p) => p.ruleId === "schema/unknown-property");
    expect(unknown).toHaveLength(101);
    expect(unknown.filter((p) => p.messageId === "unknownProperty")).toHaveLength(100);
    expect(unknown.filter((p) => p.messageId === "moreUnknownProperties")).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/^4900 more unknown properties in the values/) as string })]);
  });
});
