import { describe, expect, it } from "vitest";
import { checkConfig, defaultConfig, parseSource } from "../src/index.js";

function check(text: string) {
  return checkConfig(parseSource("llmchart.config.yaml", text, { yaml: "1.2" }));
}

describe("config: defaults (chart-wide default values)", () => {
  it("is empty when the config leaves it out", () => {
    expect(check("layout:\n  root: infra/apps/llm\n").config?.defaults).toEqual({});
    expect(defaultConfig.defaults).toEqual({});
  });

  it("carries scheduling, strategy, deadline and resources as written", () => {
    const { problems, config } = check(
      [
        "defaults:",
        "  nodeSelector:",
        '    llm-node: "true"',
        "  tolerations:",
        "    - key: llm-only",
        "      operator: Equal",
        '      value: "true"',
        "      effect: NoSchedule",
        "  strategy:",
        "    type: RollingUpdate",
        "    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }",
        "  progressDeadlineSeconds: 3600",
        "  resources:",
        "    requests: { cpu: 500m, memory: 1Gi }",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(config?.defaults).toEqual({
      nodeSelector: { "llm-node": "true" },
      tolerations: [{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }],
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      progressDeadlineSeconds: 3600,
      resources: { requests: { cpu: "500m", memory: "1Gi" } },
    });
  });

  it("rejects a default the values schema would reject, at its line", () => {
    const { problems, config } = check("defaults:\n  strategy:\n    type: Rolling\n");
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: "config/defaults", severity: "error", line: 3, column: 11, path: "defaults.strategy.type" });
    expect(problems[0]!.message).toContain("defaults.strategy.type must be equal to one of the allowed values");
  });

  it("rejects keys that are not chart-wide (a model's own values)", () => {
    const { problems } = check("defaults:\n  model:\n    filename: x.gguf\n");
    expect(problems[0]).toMatchObject({ ruleId: "schema/unknown-property", line: 2, column: 3 });
  });
});
