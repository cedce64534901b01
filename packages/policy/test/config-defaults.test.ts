import { defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { fallbackChartDefaults } from "../src/defaults.js";
import { lint } from "./helpers.js";

const dedicated: ResolvedConfig = {
  ...defaultConfig,
  defaults: { nodeSelector: { "llm-node": "true" }, tolerations: [{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }] },
};

describe("chart-wide defaults from the config, before the chart exists", () => {
  it("are part of the fallback chart defaults, over the schema's", () => {
    const d = fallbackChartDefaults({ ...defaultConfig, defaults: { progressDeadlineSeconds: 3600, strategy: { rollingUpdate: { maxSurge: 1 } } } });
    expect(d.progressDeadlineSeconds).toBe(3600);
    expect(d.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } });
  });

  it("count for the rules: a model inherits both halves of the dedicated-node pattern", () => {
    const file = "nodeSelector: null\n";
    expect(lint("replicaCount: 1\n", { config: dedicated }).filter((p) => p.ruleId === "dedicated-node-scheduling")).toEqual([]);
    // Deleting the inherited selector (null, as Helm deletes a default) leaves the toleration alone.
    expect(lint(file, { config: dedicated }).filter((p) => p.ruleId === "dedicated-node-scheduling").map((p) => p.path)).toEqual(["tolerations"]);
  });
});
