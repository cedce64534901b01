import { describe, expect, it } from "vitest";
import { checkConfig } from "../src/config.js";
import { parseSource } from "../src/source-file.js";

const check = (text: string) => checkConfig(parseSource("llmchart.config.yaml", text));

describe("capacity.nodePools in the config", () => {
  it("defaults to no pools", () => {
    expect(check("rules: {}\n").config?.capacity).toEqual({ nodePools: [] });
  });

  it("keeps each pool, with labels and taints defaulted to empty", () => {
    const { problems, config } = check(`capacity:
  nodePools:
    - { name: cpu-8, cpu: 8, memory: 32Gi, count: 2 }
    - name: llm
      cpu: "16"
      memory: 64Gi
      count: 1
      labels: { llm-node: "true" }
      taints: [{ key: llm-only, value: "true", effect: NoSchedule }]
      reserved: { cpu: 500m, memory: 4Gi }
`);
    expect(problems).toEqual([]);
    expect(config?.capacity.nodePools).toEqual([
      { name: "cpu-8", cpu: 8, memory: "32Gi", count: 2, labels: {}, taints: [] },
      { name: "llm", cpu: "16", memory: "64Gi", count: 1, labels: { "llm-node": "true" }, taints: [{ key: "llm-only", value: "true", effect: "NoSchedule" }], reserved: { cpu: "500m", memory: "4Gi" } },
    ]);
  });

  it("rejects a bad quantity, a missing count and an unknown taint effect, with positions", () => {
    const { problems, config } = check(`capacity:
  nodePools:
    - name: a
      cpu: eight
      memory: 32Gi
      taints: [{ key: k, effect: Sometimes }]
`);
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual(["3:7 capacity.nodePools[0]", "4:12 capacity.nodePools[0].cpu", "6:34 capacity.nodePools[0].taints[0].effect"]);
  });

  it("rejects two pools with one name and a reservation that leaves nothing", () => {
    const { problems } = check(`capacity:
  nodePools:
    - { name: a, cpu: 8, memory: 32Gi, count: 1 }
    - { name: a, cpu: 8, memory: 32Gi, count: 1, reserved: { memory: 32Gi } }
`);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.ruleId} ${p.path} ${p.message}`)).toEqual([
      '4:15 config/node-pool capacity.nodePools[1].name node pool name "a" is used twice; each pool needs its own name',
      '4:70 config/node-pool capacity.nodePools[1].reserved.memory node pool "a" reserves 32Gi of 32Gi memory: nothing is left to allocate',
    ]);
  });
});
