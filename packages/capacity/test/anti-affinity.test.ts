import { fallbackChartDefaults, lintPolicy } from "@llmchart/policy";
import { checkValues, defaultConfig, parseSource, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { capacityExitCode, capacityInputs, capacityProblems, planCapacity } from "../src/index.js";
import { cappedSeed, pool8x32, sources } from "./helpers.js";

// One LLM node with room for the seed's three models and a rollout's surge pod (12 of 15.89 CPU).
const ONE_NODE = [pool8x32(1, { name: "llm", cpu: "16", memory: "64Gi" })];

const term = (selector: object, extra: object = {}) => ({ topologyKey: "kubernetes.io/hostname", labelSelector: selector, ...extra });
const required = (...terms: object[]) => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } });
const nameIn = (value: string) => ({ matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: [value] }] });

/** The config with a chart-wide `defaults.affinity` (what the real repository had), on Kubernetes `version`. */
function withDefault(affinity: object | undefined, version = "1.34"): ResolvedConfig {
  return { ...defaultConfig, kubernetes: { version }, defaults: affinity ? { affinity } : {}, capacity: { nodePools: ONE_NODE } };
}

function planWith(config: ResolvedConfig, files: SourceFile[] = cappedSeed()) {
  const inputs = capacityInputs(files, { chartDefaults: fallbackChartDefaults(config), config });
  const report = planCapacity({ models: inputs, config });
  return { report, inputs, problems: capacityProblems(report, inputs, config) };
}

/** What affinity-selector says about one of the seed's files under this config. */
function advice(config: ResolvedConfig): string {
  const source = cappedSeed()[0]!;
  const [problem] = lintPolicy([{ source, checked: checkValues(source) }], { config, chartDefaults: fallbackChartDefaults(config) }).filter((p) => p.ruleId === "affinity-selector");
  return problem?.message ?? "";
}

describe("required pod anti-affinity: the seed's three models on one LLM node", () => {
  it("the seed's own term matches no pod: it keeps nothing apart, and everything fits (the rule is right that it does nothing)", () => {
    const { report } = planWith(withDefault(required(term(nameIn("llm")))));
    expect(report.fits).toBe(true);
  });

  it("'did you mean llama-cpp?' applied: one model per node, so two of three never schedule — capacity says so", () => {
    const config = withDefault(required(term(nameIn("llama-cpp"))));
    const { report, problems } = planWith(config);
    expect(report.fits).toBe(false);
    expect(capacityExitCode(report)).toBe(1);
    expect(report.models.filter((m) => !m.fits).map((m) => m.model).sort()).toEqual(["mistral7b", "phi2"]);
    const mistral = report.models.find((m) => m.model === "mistral7b")!;
    expect(mistral.reason).toBe(
      "a pod requests 4 CPU and 8 GiB; nodes with room exist, but it cannot be scheduled: its required pod anti-affinity (topologyKey kubernetes.io/hostname, app.kubernetes.io/name In [llama-cpp]) selects dolphin-phi2 on llm-1",
    );
    expect(problems.filter((p) => p.ruleId === "capacity/does-not-fit").map((p) => p.file.split("/").pop())).toEqual(["mistral7b.yaml", "phi2.yaml"]);
  });

  it("the rule's advice for the chart-wide default, followed: every model and its rollout's surge pod fit", () => {
    const bad = withDefault(required(term(nameIn("llm"))));
    expect(advice(bad)).toContain("select app.kubernetes.io/name: llama-cpp and add matchLabelKeys: [app.kubernetes.io/instance, pod-template-hash] to the term");
    const followed = withDefault(required(term(nameIn("llama-cpp"), { matchLabelKeys: ["app.kubernetes.io/instance", "pod-template-hash"] })));
    expect(advice(followed)).toBe("");
    const { report, problems } = planWith(followed);
    expect(report.fits).toBe(true);
    expect(report.pools[0]!.nodes[0]!.models).toEqual(["dolphin-phi2", "mistral7b", "phi2", "phi2 (surge)"]);
    expect(problems.filter((p) => p.ruleId === "capacity/does-not-fit")).toEqual([]);
  });

  it("without pod-template-hash a rollout's surge pod cannot start next to its old pod on the one node: why the advice adds it", () => {
    const { report } = planWith(withDefault(required(term(nameIn("llama-cpp"), { matchLabelKeys: ["app.kubernetes.io/instance"] }))));
    const phi2 = report.models.find((m) => m.model === "phi2")!;
    expect(report.models.filter((m) => !m.fits).map((m) => m.model)).toEqual(["phi2"]);
    expect(phi2.reason).toMatch(/^its rolling-update surge pod requests 2 CPU and 4 GiB; nodes with room exist, but it cannot be scheduled: .* selects phi2 on llm-1$/);
  });

  it("before Kubernetes 1.31 the API server drops matchLabelKeys: the same term is one model per node again (the rule then advises per-file terms)", () => {
    const affinity = required(term(nameIn("llama-cpp"), { matchLabelKeys: ["app.kubernetes.io/instance", "pod-template-hash"] }));
    expect(planWith(withDefault(affinity, "1.30")).report.fits).toBe(false);
    expect(advice(withDefault(required(term(nameIn("llm"))), "1.30"))).toContain("set the term in each values file, selecting app.kubernetes.io/instance: <release>");
  });

  it("the rule's advice in each values file, followed: the release's own pods with pod-template-hash fit", () => {
    const config = withDefault(undefined);
    const files = cappedSeed().map((f) => {
      const model = f.path.split("/").pop()!.replace(".yaml", "");
      const affinity = `affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels:\n            app.kubernetes.io/instance: llm-${model}\n        matchLabelKeys: [pod-template-hash]\n`;
      return parseSource(f.path, `${f.text}${affinity}`);
    });
    const { report } = planWith(config, files);
    expect(report.fits).toBe(true);
  });
});

describe("required pod anti-affinity, in general", () => {
  const spread = (replicas: number) =>
    `replicaCount: ${replicas}\nstrategy:\n  rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }\nresources:\n  requests: { cpu: "1", memory: 1Gi }\naffinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels: { app.kubernetes.io/instance: llm-a }\n`;

  it("keeps a release's replicas on different nodes: two replicas need two nodes", () => {
    const one = planCapacity({ models: capacityInputs(sources({ a: spread(2) })), pools: [pool8x32(1)] });
    expect(one.models[0]!.placements.map((p) => p.node)).toEqual(["cpu-8-1", null]);
    const two = planCapacity({ models: capacityInputs(sources({ a: spread(2) })), pools: [pool8x32(2)] });
    expect(two.fits).toBe(true);
    expect(two.models[0]!.placements.map((p) => p.node)).toEqual(["cpu-8-1", "cpu-8-2"]);
  });

  it("is checked both ways: a pod without terms stays off a node whose pod's term selects it", () => {
    const avoidB = `resources:\n  requests: { cpu: "1", memory: 1Gi }\naffinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: kubernetes.io/hostname\n        labelSelector:\n          matchLabels: { app.kubernetes.io/instance: llm-b }\nstrategy: { type: Recreate }\n`;
    const plain = `resources:\n  requests: { cpu: "1", memory: 1Gi }\nstrategy: { type: Recreate }\n`;
    const report = planCapacity({ models: capacityInputs(sources({ a: avoidB, b: plain })), pools: [pool8x32(1)] });
    expect(report.models.find((m) => m.model === "b")?.reason).toMatch(/the required pod anti-affinity of a on cpu-8-1 \(topologyKey kubernetes\.io\/hostname, app\.kubernetes\.io\/instance In \[llm-b\]\) selects it$/);
  });

  it("a topology key the nodes do not carry keeps nothing apart; one the pool labels share spreads across pools", () => {
    const zoned = (key: string) => spread(2).replace("kubernetes.io/hostname", key);
    const pools = [pool8x32(2, { labels: { "topology.kubernetes.io/zone": "a" } })];
    expect(planCapacity({ models: capacityInputs(sources({ a: zoned("example.com/rack") })), pools }).fits).toBe(true);
    expect(planCapacity({ models: capacityInputs(sources({ a: zoned("topology.kubernetes.io/zone") })), pools }).fits).toBe(false);
    const twoZones = [pool8x32(1, { name: "a", labels: { "topology.kubernetes.io/zone": "a" } }), pool8x32(1, { name: "b", labels: { "topology.kubernetes.io/zone": "b" } })];
    expect(planCapacity({ models: capacityInputs(sources({ a: zoned("topology.kubernetes.io/zone") })), pools: twoZones }).fits).toBe(true);
  });

  it("a term in another namespace, or without a labelSelector, keeps nothing apart", () => {
    const other = spread(2).replace("labelSelector:", "namespaces: [other]\n        labelSelector:");
    expect(planCapacity({ models: capacityInputs(sources({ a: other })), pools: [pool8x32(1)] }).fits).toBe(true);
    const none = spread(2).replace(/ {8}labelSelector:\n.*\n/, "");
    expect(planCapacity({ models: capacityInputs(sources({ a: none })), pools: [pool8x32(1)] }).fits).toBe(true);
  });
});
