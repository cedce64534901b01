import { chartValues } from "@llmchart/chart";
import { fallbackChartDefaults } from "@llmchart/policy";
import { checkConfig, defaultConfig, parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";

/**
 * One truth for the chart defaults: the policy package's fallback (used when a library caller
 * passes no chart values) must be exactly what the chart generator writes into values.yaml.
 */
describe("chart defaults", () => {
  const configs = {
    "the built-in defaults": defaultConfig,
    "every feature, chart-wide defaults and a digest": checkConfig(
      parseSource(
        "llmchart.config.yaml",
        [
          "images:",
          "  server: { repository: ghcr.io/ggml-org/llama.cpp, tag: server-b11429, digest: 'sha256:" + "a".repeat(64) + "' }",
          "features: { ingress: true, persistence: true, metrics: true, podDisruptionBudget: true, autoscaling: true, networkPolicy: true }",
          "defaults:",
          "  nodeSelector: { llm-node: 'true' }",
          "  progressDeadlineSeconds: 3600",
          "",
        ].join("\n"),
        { yaml: "1.2" },
      ),
    ).config!,
  };

  it.each(Object.entries(configs))("policy's fallback equals the generator's values: %s", (_label, config) => {
    expect(config).toBeDefined();
    expect(fallbackChartDefaults(config)).toEqual(chartValues(config));
  });
});
