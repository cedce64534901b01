// Where YAML and Helm's merge are easy to get wrong, lint must refuse exactly what real Helm
// refuses: nulls that delete a default or stay (and meet values.schema.json), YAML 1.1 scalars
// (yes/no/on/off), explicit tags. Each case is one values file, judged by both.
import { helmTemplate } from "@llmchart/manifests";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { helmBin, runCli } from "./helpers.js";
import { expectNoCrash, tempDirs } from "./hostile-support.js";

const temp = tempDirs();

const VALUES = "infra/apps/llm/values";
const CHART = "infra/apps/llm/charts/llama-cpp";

/** The rule families that say "Helm rejects this file" (policy rules are opinions Helm does not share, except this one). */
const HELM_REJECTS = /^(yaml\/|schema\/|null-without-default$)/;

let root: string;
let seed: string;
beforeAll(() => {
  root = temp.layout();
  seed = readFileSync(join(root, VALUES, "phi2.yaml"), "utf8");
});

describe("lint refuses what helm template refuses, and accepts what it accepts", () => {
  it.each([
    ["a null with no default (top level)", "priorityClassName: null\n", true],
    ["an empty value with no default", "priorityClassName:\n", true],
    ["a null in a string map", "podAnnotations:\n  a: null\n", true],
    ["a null in a list item", "tolerations:\n  - key: llm-only\n    operator: Equal\n    value: null\n", true],
    ["a null for a model field the chart does not default", "imagePullSecrets: []\nhuggingFace:\n  tokenKey: null\n  secretName: hf-token\nserviceAccount:\n  name: null\n", false],
    ["a null that deletes a default map", "nodeSelector: null\nservice:\n  annotations: null\n", false],
    // affinity is a closed Kubernetes Affinity in the chart's schema: Helm refuses the kept null.
    ["a null inside a Kubernetes object", "affinity:\n  nodeAffinity: null\n", true],
    ["the plain n as a name", "nameOverride: n\n", true],
    ["yes as a label value", "nodeSelector:\n  llm-node: yes\n", true],
    ["on and off as booleans", "metrics:\n  enabled: off\npersistence:\n  enabled: off\n", false],
    ["an explicit set", "nodeSelector: !!set {a, b}\n", true],
    ["a merge key", "x-common: &common\n  llm-node: \"true\"\n", true],
  ])("%s", async (_, extra, rejected) => {
    const file = `${VALUES}/case.yaml`;
    writeFileSync(join(root, file), `${seed}\n${extra}`);
    const lint = await runCli(["lint", "--format", "json", file], root);
    expectNoCrash(lint);
    const problems = JSON.parse(lint.stdout || "[]") as Array<{ ruleId: string; severity: string; message: string }>;
    const lintRejects = problems.filter((p) => p.severity === "error" && HELM_REJECTS.test(p.ruleId));
    const helm = await helmTemplate(helmBin, { chartDir: join(root, CHART), release: "llm-case", namespace: "llm", valuesFiles: [join(root, file)] });
    expect(helm.code !== 0, `helm: ${helm.stderr}`).toBe(rejected);
    expect(lintRejects.length > 0, `lint: ${JSON.stringify(lintRejects)}`).toBe(rejected);
  });

  it("merge keys work as in Helm", async () => {
    const file = `${VALUES}/merge.yaml`;
    writeFileSync(join(root, file), seed.replace("replicaCount: 1\n", "replicaCount: 1\nnodeSelector: &sel\n  llm-node: \"true\"\npodLabels:\n  <<: *sel\n  team: ai\n"));
    const lint = await runCli(["lint", "--quiet", "--format", "json", file], root);
    expect(JSON.parse(lint.stdout)).toEqual([]);
    const helm = await helmTemplate(helmBin, { chartDir: join(root, CHART), release: "llm-merge", namespace: "llm", valuesFiles: [join(root, file)] });
    expect(helm.code, helm.stderr).toBe(0);
    expect(helm.stdout).toMatch(/llm-node: "true"\n\s+team: ai/);
  });
});
