import { parseSource, type NodePool } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { capacityExitCode, capacityInputsFromData, defaultReserved, planCapacity, poolCapacity, selectModels } from "../src/index.js";
import { cappedSeed, plan, pool8x32, SEED, seedText, sources } from "./helpers.js";

const GiB = 2 ** 30;
const MiB = 2 ** 20;

describe("the seed's three models (requests 10 CPU in total)", () => {
  it("do not fit on one 8-CPU/32 GiB node: exit 1, and the report names the model that does not fit", () => {
    const { report } = plan(cappedSeed(), [pool8x32(1)]);
    expect(report.models.reduce((n, m) => n + (m.requests.cpu ?? 0), 0)).toBe(10_000);
    expect(report.fits).toBe(false);
    expect(capacityExitCode(report)).toBe(1);
    // Packing order: the two 4-CPU models first (by name), then phi2 and its surge pod.
    expect(report.firstUnfit).toBe("mistral7b");
    const mistral = report.models.find((m) => m.model === "mistral7b")!;
    expect(mistral.fits).toBe(false);
    expect(mistral.reason).toBe("a pod requests 4 CPU and 8 GiB, and no allowed node has that much left; most room left: cpu-8-1 with 1.91 CPU and 16.3 GiB free");
    expect(report.pools[0]!.nodes[0]!.models).toEqual(["dolphin-phi2", "phi2"]);
    // phi2's surge pod (maxSurge 1) does not fit either.
    const phi2 = report.models.find((m) => m.model === "phi2")!;
    expect(phi2.fits).toBe(false);
    expect(phi2.reason).toMatch(/^its rolling-update surge pod requests 2 CPU and 4 GiB/);
  });

  it("fit on two such nodes: exit 0, each node holding what its allocatable allows", () => {
    const { report } = plan(cappedSeed(), [pool8x32(2)]);
    expect(report.fits).toBe(true);
    expect(capacityExitCode(report)).toBe(0);
    expect(report.pools[0]!.nodes.map((n) => n.models)).toEqual([["dolphin-phi2", "phi2"], ["mistral7b", "phi2 (surge)"]]);
    const [a, b] = report.pools[0]!.nodes;
    expect(a!.used).toEqual({ cpu: 6000, memory: 12 * GiB });
    expect(a!.free).toEqual({ cpu: a!.allocatable.cpu - 6000, memory: a!.allocatable.memory - 12 * GiB });
    expect(b!.limits).toEqual({ cpu: 10_000, memory: 20 * GiB });
    const phi2 = report.models.find((m) => m.model === "phi2")!;
    expect(phi2.node).toBe("cpu-8-1");
    expect(phi2.placements).toEqual([
      { pod: "phi2", surge: false, pool: "cpu-8", node: "cpu-8-1" },
      { pod: "phi2 (surge)", surge: true, pool: "cpu-8", node: "cpu-8-2" },
    ]);
  });

  it("as shipped (8 GiB default prompt cache) fit on two nodes but exit 1: their memory limits are below the estimate", () => {
    const { report } = plan(sources(Object.fromEntries(SEED.map((m) => [m, seedText(m)]))), [pool8x32(2)]);
    expect(report.fits).toBe(true);
    expect(report.models.map((m) => [m.model, m.limitBelowEstimate])).toEqual([
      ["phi2", true],
      ["dolphin-phi2", true],
      ["mistral7b", true],
    ]);
    expect(capacityExitCode(report)).toBe(1);
  });

  it("reports threads against the CPU limit, the download at 5 MB/s and the start-up time", () => {
    const { report } = plan(cappedSeed(), [pool8x32(2)]);
    const mistral = report.models.find((m) => m.model === "mistral7b")!;
    expect(mistral.threads).toEqual({ value: 6, cpuLimit: 6, ok: true });
    const file = Math.round((7.24e9 * 4.89) / 8);
    expect(mistral.downloadSeconds).toBe(Math.ceil(file / 5e6));
    expect(mistral.startupSeconds).toBe(Math.ceil(file / 5e6 + 300));
  });
});

describe("selecting models (llmchart capacity <model…>)", () => {
  it("keeps the whole layout's packing but judges only the named models", () => {
    const { report } = plan(cappedSeed(), [pool8x32(1)]);
    const dolphin = selectModels(report, ["dolphin-phi2"]);
    expect(dolphin.report.models.map((m) => m.model)).toEqual(["dolphin-phi2"]);
    expect(dolphin.report.pools[0]!.nodes[0]!.models).toEqual(["dolphin-phi2", "phi2"]);
    expect(dolphin.report.fits).toBe(true);
    expect(capacityExitCode(dolphin.report)).toBe(0);
    const phi2 = selectModels(report, ["phi2", "nope"]);
    expect(phi2.report.firstUnfit).toBe("phi2");
    expect(capacityExitCode(phi2.report)).toBe(1);
    expect(phi2.unknown).toEqual(["nope"]);
  });
});

describe("node pools a model may use", () => {
  const selector = `resources: { requests: { cpu: "1", memory: 1Gi }, limits: { cpu: "1", memory: 4Gi } }
nodeSelector: { llm-node: "true" }
model: { repoId: TheBloke/phi-2-GGUF, filename: phi-2.Q4_K_M.gguf }
extraArgs: ["-c", "2048", "-t", "1", "--cache-ram", "0"]
`;

  it("a nodeSelector that no pool satisfies: does not fit, naming each pool's reason", () => {
    const { report } = plan(sources({ picky: selector }), [pool8x32(2), { ...pool8x32(1), name: "gpu", labels: { "llm-node": "false" } }]);
    const m = report.models[0]!;
    expect(m.fits).toBe(false);
    expect(m.allowedPools.every((v) => !v.allowed)).toBe(true);
    expect(m.reason).toBe(
      "no node pool allows it — cpu-8: nodeSelector llm-node=true not matched; gpu: nodeSelector llm-node=true not matched (the nodes have llm-node=false)",
    );
    expect(capacityExitCode(report)).toBe(1);
  });

  it("a NoSchedule taint keeps out a pod without the toleration, and lets in one with it", () => {
    const tainted = { ...pool8x32(1), name: "llm", labels: { "llm-node": "true" }, taints: [{ key: "llm-only", value: "true", effect: "NoSchedule" as const }] };
    const without = plan(sources({ picky: selector }), [tainted]).report.models[0]!;
    expect(without.fits).toBe(false);
    expect(without.reason).toBe("no node pool allows it — llm: taint llm-only=true:NoSchedule not tolerated");
    const tolerating = `${selector}tolerations: [{ key: llm-only, operator: Equal, value: "true", effect: NoSchedule }]\n`;
    const withIt = plan(sources({ picky: tolerating }), [tainted]).report.models[0]!;
    expect(withIt.fits).toBe(true);
    expect(withIt.node).toBe("llm-1");
  });

  it("a toleration for another value or effect does not tolerate; Exists without a key tolerates all; PreferNoSchedule never excludes", () => {
    const taints = [{ key: "llm-only", value: "true", effect: "NoExecute" as const }];
    const pool = { ...pool8x32(1), labels: { "llm-node": "true" }, taints };
    const wrong = `${selector}tolerations: [{ key: llm-only, operator: Equal, value: "true", effect: NoSchedule }]\n`;
    expect(plan(sources({ m: wrong }), [pool]).report.models[0]!.fits).toBe(false);
    const all = `${selector}tolerations: [{ operator: Exists }]\n`;
    expect(plan(sources({ m: all }), [pool]).report.models[0]!.fits).toBe(true);
    const soft = { ...pool, taints: [{ key: "llm-only", effect: "PreferNoSchedule" as const }] };
    expect(plan(sources({ m: selector }), [soft]).report.models[0]!.fits).toBe(true);
  });

  it("required node affinity: any term, all its expressions", () => {
    const affinity = `resources: { requests: { cpu: "1", memory: 1Gi } }
affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions: [{ key: cpu-gen, operator: In, values: ["4", "5"] }, { key: spot, operator: DoesNotExist }]
        - matchExpressions: [{ key: big, operator: Exists }]
`;
    const pools: NodePool[] = [
      { ...pool8x32(1), name: "old", labels: { "cpu-gen": "3" } },
      { ...pool8x32(1), name: "spot", labels: { "cpu-gen": "5", spot: "yes" } },
      { ...pool8x32(1), name: "new", labels: { "cpu-gen": "5" } },
      { ...pool8x32(1), name: "big", labels: { big: "" } },
    ];
    const m = plan(sources({ m: affinity }), pools).report.models[0]!;
    expect(m.allowedPools.map((v) => [v.pool, v.allowed])).toEqual([
      ["old", false],
      ["spot", false],
      ["new", true],
      ["big", true],
    ]);
    expect(m.allowedPools[0]!.reasons).toEqual(["required node affinity not met (cpu-gen In (4, 5); or big Exists)"]);
    expect(m.node).toBe("new-1");
  });
});

describe("pods counted", () => {
  const data = (values: Record<string, unknown>) => capacityInputsFromData([{ model: "m", file: "m.yaml", values }]);

  it("an unset request takes the limit, as the API server defaults it", () => {
    const report = planCapacity({ models: data({ resources: { limits: { cpu: "3", memory: "6Gi" } }, strategy: { type: "Recreate" } }), pools: [pool8x32(1)] });
    expect(report.models[0]!.requests).toEqual({ cpu: 3000, memory: 6 * GiB });
    expect(report.pools[0]!.nodes[0]!.used).toEqual({ cpu: 3000, memory: 6 * GiB });
  });

  it("replicaCount pods plus the surge: 25% by default (rounded up), none for Recreate, maxReplicas with the HPA", () => {
    const res = { resources: { requests: { cpu: "1", memory: "1Gi" } } };
    const count = (values: Record<string, unknown>) => {
      const m = planCapacity({ models: data({ ...res, ...values }), pools: [pool8x32(2)] }).models[0]!;
      return [m.replicas, m.surge, m.placements.length];
    };
    expect(count({ replicaCount: 3 })).toEqual([3, 1, 4]);
    expect(count({ replicaCount: 3, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "50%" } } })).toEqual([3, 2, 5]);
    expect(count({ replicaCount: 3, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0 } } })).toEqual([3, 0, 3]);
    expect(count({ replicaCount: 3, strategy: { type: "Recreate" } })).toEqual([3, 0, 3]);
    expect(count({ autoscaling: { enabled: true, maxReplicas: 5 }, strategy: { type: "Recreate" } })).toEqual([5, 0, 5]);
  });

  it("refuses to plan an absurd replica count instead of hanging", () => {
    const report = planCapacity({ models: data({ replicaCount: 1_000_000, resources: { requests: { cpu: "1m" } } }), pools: [pool8x32(2)] });
    expect(report.models[0]!.fits).toBe(false);
    expect(report.models[0]!.reason).toBe("1000000 replicas and 250000 surge pods are more than capacity plans for one model (1000 pods)");
    expect(report.pools[0]!.nodes.every((n) => n.models.length === 0)).toBe(true);
  });

  it("a pod larger than any allowed node says so", () => {
    const report = planCapacity({ models: data({ resources: { requests: { cpu: "12", memory: "1Gi" } }, strategy: { type: "Recreate" } }), pools: [pool8x32(3)] });
    expect(report.models[0]!.reason).toBe("a pod requests 12 CPU and 1 GiB, more than one node's allocatable (cpu-8 7.91 CPU, 28.3 GiB)");
  });

  it("the download initContainer's requests count when larger than the server's", () => {
    const values = { resources: { requests: { cpu: "500m", memory: "1Gi" } }, initDownloader: { resources: { requests: { cpu: "2", memory: "512Mi" } } }, strategy: { type: "Recreate" } };
    const report = planCapacity({ models: data(values), pools: [pool8x32(1)] });
    expect(report.pools[0]!.nodes[0]!.used).toEqual({ cpu: 2000, memory: GiB });
  });
});

describe("allocatable", () => {
  it("defaults the reservation to the managed-cloud tiers plus the 100 MiB eviction threshold", () => {
    // 8 CPU: 60m + 10m + 2×5m + 4×2.5m; 32 GiB: 1 + 0.8 + 0.8 + 0.96 GiB, + 100 MiB.
    expect(defaultReserved({ cpu: 8000, memory: 32 * GiB })).toEqual({ cpu: 90, memory: Math.round(3.56 * GiB) + 100 * MiB });
    expect(defaultReserved({ cpu: 1000, memory: 512 * MiB })).toEqual({ cpu: 60, memory: 355 * MiB });
  });

  it("takes the pool's own reservation when given", () => {
    const p = poolCapacity({ ...pool8x32(1), reserved: { cpu: "500m", memory: "2Gi" } });
    expect(p.allocatable).toEqual({ cpu: 7500, memory: 30 * GiB });
  });

  it("plans nothing onto no pools, says so, and then judges only the memory limits", () => {
    const report = planCapacity({ models: capacityInputsFromData([{ model: "m", file: "m.yaml", values: parseSource("m.yaml", "replicaCount: 1\n") }]), pools: [] });
    expect(report.models[0]!.reason).toBe("no node pool is configured (capacity.nodePools)");
    expect(capacityExitCode(report)).toBe(0);
    expect(capacityExitCode(plan(sources({ phi2: seedText("phi2") }), []).report)).toBe(1);
  });
});

describe("quantities Kubernetes would not keep", () => {
  it("are parsed exactly as lint parses them (not at all): capacity never computes or prints them", async () => {
    const { formatTable, formatJson } = await import("../src/index.js");
    const huge = `resources: { requests: { cpu: "99999999999999999999", memory: 1Gi }, limits: { cpu: 99999999999999999999, memory: "8Ei" } }
model: { repoId: TheBloke/phi-2-GGUF, filename: phi-2.Q4_K_M.gguf }
extraArgs: ["-c", "2048", "-t", "1", "--cache-ram", "0"]
`;
    const { report } = plan(sources({ huge }), [pool8x32(1)]);
    const m = report.models[0]!;
    expect(m.limits).toEqual({ cpu: null, memory: null });
    expect(m.requests.cpu).toBeNull();
    for (const out of [formatTable(report), formatJson(report)]) {
      expect(out).not.toMatch(/1000000000000000|e\+2|9223372036854775/);
    }
  });
});
