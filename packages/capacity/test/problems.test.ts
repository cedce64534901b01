import { defaultConfig } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { capacityProblems } from "../src/index.js";
import { cappedSeed, plan, pool8x32, sources } from "./helpers.js";

describe("capacity problems for llmchart check", () => {
  it("capacity/does-not-fit: an error at resources.requests of each model that does not fit", () => {
    const { report, inputs } = plan(cappedSeed(), [pool8x32(1)]);
    const problems = capacityProblems(report, inputs).filter((p) => p.ruleId === "capacity/does-not-fit");
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.path}`)).toEqual([
      "infra/apps/llm/values/mistral7b.yaml:12:3 error resources.requests",
      "infra/apps/llm/values/phi2.yaml:13:3 error resources.requests",
    ]);
    expect(problems[0]!.message).toBe(
      "mistral7b does not fit on the node pools: a pod requests 4 CPU and 8 GiB, and no allowed node has that much left; most room left: cpu-8-1 with 1.91 CPU and 16.3 GiB free",
    );
  });

  it("capacity/overcommit: a warning at resources.limits for each model on a node whose limits exceed its allocatable, once per node and model", () => {
    const { report, inputs } = plan(cappedSeed(), [pool8x32(2)]);
    const problems = capacityProblems(report, inputs);
    // cpu-8-1: dolphin-phi2 (6) + phi2 (4) = 10 CPU of limits on 7.91, for good. cpu-8-2: mistral7b
    // (6) alone fits; phi2's surge pod (4) is there only while phi2 rolls out, and that is phi2's.
    expect(problems.map((p) => `${p.file.split("/").pop()}:${p.line}:${p.column} ${p.severity} ${p.ruleId} ${p.path}`)).toEqual([
      "dolphin-phi2.yaml:16:3 warning capacity/overcommit resources.limits",
      "phi2.yaml:16:3 warning capacity/overcommit resources.limits",
      "phi2.yaml:16:3 warning capacity/overcommit resources.limits",
    ]);
    expect(problems[0]!.message).toBe(
      "node cpu-8-1 holds dolphin-phi2, phi2 with CPU limits of 10 CPU on 7.91 CPU allocatable: under load the models throttle each other's CPU — set requests equal to limits or spread the models over more nodes",
    );
    expect(problems[2]!.message).toBe(
      "during a rollout of phi2, its surge pod on node cpu-8-2 next to mistral7b brings it to CPU limits of 10 CPU on 7.91 CPU allocatable: under load the models throttle each other's CPU until the rollout ends — set requests equal to limits or spread the models over more nodes",
    );
    // No model is named twice in one message, and no message is repeated.
    for (const p of problems) expect(p.message).not.toMatch(/[\s,]phi2, phi2[\s,]|\(surge\)/);
    expect(new Set(problems.map((p) => `${p.file} ${p.message}`)).size).toBe(problems.length);
  });

  it("a node over its allocatable for good names the surge pods that make it worse during a rollout, without reporting them again", () => {
    const { report, inputs } = plan(cappedSeed(), [pool8x32(1, { cpu: "16", memory: "64Gi" })]);
    const problems = capacityProblems(report, inputs);
    expect(problems.map((p) => p.file.split("/").pop())).toEqual(["dolphin-phi2.yaml", "mistral7b.yaml", "phi2.yaml"]);
    expect(problems[0]!.message).toBe(
      "node cpu-8-1 holds dolphin-phi2, mistral7b, phi2 with CPU limits of 16 CPU on 15.89 CPU allocatable; during a rollout of phi2, its surge pod adds 4 CPU and 8 GiB more: under load the models throttle each other's CPU — set requests equal to limits or spread the models over more nodes",
    );
  });

  it("no overcommit when the limits fit", () => {
    const { report, inputs } = plan(cappedSeed(), [pool8x32(1, { cpu: "32", memory: "128Gi" })]);
    expect(capacityProblems(report, inputs)).toEqual([]);
  });

  it("the config's rules: section sets the severity or turns a rule off", () => {
    const { report, inputs } = plan(cappedSeed(), [pool8x32(1)]);
    const config = { ...defaultConfig, rules: { "capacity/does-not-fit": "warning" as const, "capacity/overcommit": "off" as const } };
    const problems = capacityProblems(report, inputs, config);
    expect(problems.map((p) => `${p.ruleId} ${p.severity}`)).toEqual(["capacity/does-not-fit warning", "capacity/does-not-fit warning"]);
  });

  it("reports nothing without node pools", () => {
    const { report, inputs } = plan(cappedSeed(), []);
    expect(report.fits).toBe(false);
    expect(capacityProblems(report, inputs)).toEqual([]);
  });

  it("points at the closest node when the values file sets no resources", () => {
    const { report, inputs } = plan(sources({ bare: "# no resources\nreplicaCount: 1\nnodeSelector: { zone: a }\n" }), [pool8x32(1)]);
    const [p] = capacityProblems(report, inputs);
    expect(`${p!.line}:${p!.column} ${p!.ruleId} ${p!.path}`).toBe("2:1 capacity/does-not-fit resources.requests");
  });
});
