import { diffExitCode, type DiffResult, type ModelDiff } from "@llmchart/diff";
import { describe, expect, test } from "vitest";
import { parseRiskIds } from "../../src/diff/risk-ids.js";

function modelDiff(name: string, fields: number): ModelDiff {
  return {
    model: name,
    release: `llm-${name}`,
    namespace: "llm",
    valuesFile: `infra/apps/llm/values/${name}.yaml`,
    status: "changed",
    objects: [
      {
        kind: "Deployment",
        apiVersion: "apps/v1",
        namespace: "llm",
        name: `llm-${name}-llama-cpp`,
        change: "changed",
        fields: Array.from({ length: fields }, (_, i) => ({ path: `spec.template.spec.containers[name=server].args[${i}]`, before: "x".repeat(150), after: `y|<${i}>` })),
        risks: [{ id: "downtime", severity: "warning", message: "no pod serves for ≈ 5 min 48 s" }],
      },
    ],
  };
}
const result = (models: ModelDiff[]): DiffResult => ({ base: { rev: "HEAD", commit: "0123456789abcdef0123", reason: "HEAD" }, scope: "1 values file changed", models, unchanged: ["other"] });

describe("exit codes", () => {
  test("0 by default, 1 with exitCode on changes or failOn on a present risk, 2 when a model failed", () => {
    const changed = result([modelDiff("phi2", 1)]);
    expect(diffExitCode(changed)).toBe(0);
    expect(diffExitCode(changed, { exitCode: true })).toBe(1);
    expect(diffExitCode(changed, { failOn: ["immutable-field"] })).toBe(0);
    expect(diffExitCode(changed, { failOn: parseRiskIds("immutable-field, downtime") })).toBe(1);
    expect(diffExitCode(result([]), { exitCode: true })).toBe(0);
    expect(diffExitCode(result([{ ...modelDiff("phi2", 0), objects: [], error: "helm template llm-phi2 failed" }]))).toBe(2);
  });

  test("an unknown risk id in --fail-on is a usage error", () => {
    expect(() => parseRiskIds("downtime,dowmtime")).toThrow(expect.objectContaining({ code: "usage", exitCode: 2, message: expect.stringContaining('unknown risk "dowmtime"') as unknown }));
  });
});
