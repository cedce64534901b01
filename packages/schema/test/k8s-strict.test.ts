import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConfig, checkValues, KUBERNETES_VERSION, onlyCandidate, parseSource } from "../src/index.js";

const fixtures = join(import.meta.dirname, "fixtures", "k8s");

function problemsOf(file: string) {
  const path = `test/fixtures/k8s/${file}`;
  return checkValues(parseSource(path, readFileSync(join(fixtures, file), "utf8"))).problems;
}

function check(text: string) {
  return checkValues(parseSource("values.yaml", text)).problems;
}

describe("strict Kubernetes types in values", () => {
  it.each([
    ["node-afinity.yaml", 5, 3, "affinity.nodeAfinity", 'unknown property "nodeAfinity" in affinity — did you mean "nodeAffinity"?'],
    ["toleration-operater.yaml", 6, 5, "tolerations[0].operater", 'unknown property "operater" in tolerations[0] — did you mean "operator"?'],
    ["fs-groupp.yaml", 6, 3, "podSecurityContext.fsGroupp", 'unknown property "fsGroupp" in podSecurityContext — did you mean "fsGroup"?'],
    ["read-only-root-file-system.yaml", 6, 3, "securityContext.readOnlyRootFileSystem", 'unknown property "readOnlyRootFileSystem" in securityContext — did you mean "readOnlyRootFilesystem"?'],
    [
      "match-expression.yaml",
      8,
      11,
      "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpression",
      'unknown property "matchExpression" in affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0] — did you mean "matchExpressions"?',
    ],
  ])("%s: one error at the unknown key, with a suggestion", (file, line, column, path, message) => {
    expect(problemsOf(file)).toEqual([
      {
        ruleId: "schema/unknown-property",
        severity: "error",
        file: `test/fixtures/k8s/${file}`,
        line,
        column,
        endLine: line,
        endColumn: column + path.split(".").pop()!.replace(/^.*\]\./, "").length,
        path,
        message,
        messageId: "unknownProperty",
        // The suggestion is unambiguous, so --fix may rename the key.
        fix: { range: expect.any(Array) as [number, number], text: /did you mean "([^"]+)"/.exec(message)![1] },
      },
    ]);
  });

  it("accepts every Kubernetes field of the pass-through objects", () => {
    expect(problemsOf("valid-pass-through.yaml")).toEqual([]);
  });

  it("checks the types inside a Kubernetes object", () => {
    const [p] = check("tolerations:\n  - key: a\n    tolerationSeconds: soon\n");
    expect(p).toMatchObject({ ruleId: "schema/type", line: 3, column: 24, path: "tolerations[0].tolerationSeconds", message: 'tolerations[0].tolerationSeconds must be an integer, got string "soon"' });
  });

  it("requires what Kubernetes requires", () => {
    const [p] = check("affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {}\n");
    expect(p).toMatchObject({ ruleId: "schema/required", line: 4, column: 9, message: 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0] is missing required property "topologyKey"' });
  });

  it("knows the values an enum field allows (from kubernetes-models' declarations)", () => {
    const [p] = check("securityContext:\n  procMount: Masked\n");
    expect(p).toMatchObject({ ruleId: "schema/enum", line: 2, column: 14, path: "securityContext.procMount", message: 'securityContext.procMount must be one of "Default", "Unmasked", got string "Masked" — did you mean "Unmasked"?' });
    const [q] = check('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: a, operator: Equals, values: ["b"] }\n');
    expect(q).toMatchObject({ ruleId: "schema/enum", line: 6, column: 35 });
    expect(q!.message).toContain('"In"');
  });

  it("checks quantities inside Kubernetes objects", () => {
    const [p] = check("extraVolumes:\n  - name: scratch\n    emptyDir:\n      sizeLimit: 2 GB\n");
    expect(p).toMatchObject({ ruleId: "schema/pattern", line: 4, column: 18, path: "extraVolumes[0].emptyDir.sizeLimit" });
    expect(check("extraVolumes:\n  - name: scratch\n    emptyDir:\n      sizeLimit: 2Gi\n")).toEqual([]);
    expect(check("extraVolumes:\n  - name: scratch\n    emptyDir:\n      sizeLimit: 1000000\n")).toEqual([]);
  });

  it("lists the known fields when nothing is close", () => {
    const [p] = check("affinity:\n  nodeAffinity:\n    zzz: 1\n");
    expect(p!.message).toBe('unknown property "zzz" in affinity.nodeAffinity (known: preferredDuringSchedulingIgnoredDuringExecution, requiredDuringSchedulingIgnoredDuringExecution)');
  });
});

describe("label and annotation syntax", () => {
  it("refuses an empty nodeSelector key, at the key", () => {
    const [p] = check('nodeSelector:\n  "": "true"\n');
    expect(p).toMatchObject({ ruleId: "schema/property-name", line: 2, column: 3, path: 'nodeSelector[""]' });
    expect(p!.message).toMatch(/^"" is not an allowed key in nodeSelector: a label or annotation key is|^"" is not an allowed key in nodeSelector: a label or annotation key: a name of at most 63 characters/);
  });

  it("refuses a 300-character annotation key once, at the key", () => {
    const problems = check(`podAnnotations:\n  ${"a".repeat(300)}: x\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: "schema/property-name", line: 2, column: 3 });
    expect(problems[0]!.message).toContain("(300 characters) is not an allowed key in podAnnotations");
  });

  it("refuses an annotation key containing a newline, and says so on one line", () => {
    const [p] = check('podAnnotations:\n  "a\\nb": x\n');
    expect(p).toMatchObject({ ruleId: "schema/property-name", line: 2, column: 3 });
    expect(p!.message.startsWith('"a\\nb" is not an allowed key')).toBe(true);
    expect(p!.message).not.toContain("\n");
  });

  it("refuses a name part over 63 characters and a prefix over 253", () => {
    expect(check(`podLabels:\n  ${"n".repeat(64)}: x\n`)[0]).toMatchObject({ ruleId: "schema/property-name", line: 2 });
    expect(check(`podAnnotations:\n  ${"p".repeat(254)}/name: x\n`)[0]).toMatchObject({ ruleId: "schema/property-name", line: 2 });
    expect(check(`podAnnotations:\n  ${"p".repeat(253)}/${"n".repeat(63)}: x\n`)).toEqual([]);
  });

  it("checks label values: at most 63 characters, alphanumeric at both ends", () => {
    const [p] = check("podLabels:\n  team: -ml\n");
    expect(p).toMatchObject({ ruleId: "schema/pattern", line: 2, column: 9, path: "podLabels.team" });
    expect(p!.message).toBe('podLabels.team must be a label value: empty, or at most 63 characters (letters, digits, \'-\', \'_\', \'.\'), starting and ending with a letter or digit, got string "-ml"');
    expect(check(`podLabels:\n  team: ${"v".repeat(64)}\n`)[0]).toMatchObject({ line: 2, path: "podLabels.team" });
    expect(check('podLabels:\n  team: ""\n')).toEqual([]);
  });

  it("reads 0o17 as Helm does, an integer, which an annotation cannot be", () => {
    const [p] = check("podAnnotations:\n  perm: 0o17\n");
    expect(p).toMatchObject({ ruleId: "schema/type", line: 2, column: 9, path: "podAnnotations.perm" });
    expect(p!.message).toContain("got number 15");
  });
});

describe("kubernetes.version in the config", () => {
  const config = (text: string) => checkConfig(parseSource("llmchart.config.yaml", text, { yaml: "1.2" }));

  it("defaults to the version of the bundled definitions", () => {
    const { problems, config: resolved } = config("{}\n");
    expect(problems).toEqual([]);
    expect(resolved!.kubernetes.version).toBe(KUBERNETES_VERSION);
  });

  it("warns, at the value, when another version is named", () => {
    const { problems, config: resolved } = config('kubernetes:\n  version: "1.30"\n');
    expect(resolved!.kubernetes.version).toBe("1.30");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: "config/kubernetes-version", severity: "warning", line: 2, column: 12 });
    expect(problems[0]!.message).toContain(`bundles the Kubernetes ${KUBERNETES_VERSION} definitions`);
  });

  it("refuses a version that is not a minor version", () => {
    const { problems } = config('kubernetes:\n  version: "v1.30.2"\n');
    expect(problems[0]).toMatchObject({ ruleId: "schema/pattern", severity: "error", line: 2 });
  });
});

describe("fixes for misspelt keys", () => {
  const apply = (text: string) => {
    const [p] = check(text);
    return p?.fix ? text.slice(0, p.fix.range[0]) + p.fix.text + text.slice(p.fix.range[1]) : undefined;
  };

  it("renames a key with one unambiguous correction, touching only the key", () => {
    expect(apply("affinity:\n  nodeAfinity: {} # keep me\n")).toBe("affinity:\n  nodeAffinity: {} # keep me\n");
    expect(apply("securityContext:\n  readOnlyRootFileSystem: true\n")).toBe("securityContext:\n  readOnlyRootFilesystem: true\n");
    expect(apply("tolerations:\n  - key: a\n    operater: Exists\n")).toBe("tolerations:\n  - key: a\n    operator: Exists\n");
  });

  it("offers no fix when the correct key is already there, or when the key is quoted", () => {
    expect(apply("podSecurityContext:\n  fsGroup: 1\n  fsGroupp: 2\n")).toBeUndefined();
    expect(apply('affinity:\n  "nodeAfinity": {}\n')).toBeUndefined();
  });

  it("offers no fix when two known keys are equally close", () => {
    // runAsUsr is one edit from runAsUser; runAsGroupp two from runAsGroup: only the first is unique.
    expect(onlyCandidate("runAsUsr", ["runAsUser", "runAsGroup"])).toBe("runAsUser");
    expect(onlyCandidate("ab", ["ax", "ay"])).toBeUndefined();
  });
});
