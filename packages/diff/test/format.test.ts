import { describe, expect, test } from "vitest";
import { formatJson, formatMarkdown, formatStylish, GITHUB_COMMENT_LIMIT, MARKDOWN_MARKER, type DiffResult, type ModelDiff } from "../src/index.js";

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

describe("markdown", () => {
  test("a summary table and one collapsible section per model; table cells escaped", () => {
    const md = formatMarkdown(result([modelDiff("phi2", 1)]));
    expect(md).toContain(`${MARKDOWN_MARKER}\n### llmchart diff\n\nCompared with base HEAD (0123456789ab), 1 values file changed.\n\n| Model | Objects changed | Highest risk |\n| --- | ---: | --- |\n| phi2 | 1 | ⚠️ downtime (warning) |\n\n<details>`);
    expect(md).toContain('<code>"y&#124;&lt;0&gt;"</code>');
  });

  test("stays under GitHub's comment limit: field tables go first, then sections, with a note", () => {
    const many = result(Array.from({ length: 300 }, (_, i) => modelDiff(`model${i}`, 20)));
    const md = formatMarkdown(many);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("**Truncated** to stay under GitHub's 65536-character comment limit");
    expect(md).toMatch(/\d+ models left out/);
    // The summary table still lists every model.
    expect(md).toContain("| model299 | 1 |");
    const small = formatMarkdown(many, { limit: 200_000 });
    expect(small.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
  });
});

describe("json", () => {
  test("one array entry per changed object, absent sides as null", () => {
    const r = result([modelDiff("phi2", 1)]);
    r.models[0]!.objects[0]!.fields = [{ path: "spec.x", after: 1 }];
    expect(JSON.parse(formatJson(r))).toEqual([
      { model: "phi2", kind: "Deployment", name: "llm-phi2-llama-cpp", change: "changed", fields: [{ path: "spec.x", before: null, after: 1 }], risks: [{ id: "downtime", severity: "warning", message: "no pod serves for ≈ 5 min 48 s" }] },
    ]);
  });
});

describe("stylish", () => {
  test("grouped by model, colour only when asked", () => {
    const plain = formatStylish(result([modelDiff("phi2", 1)]));
    expect(plain).toContain("phi2 (release llm-phi2 in llm, infra/apps/llm/values/phi2.yaml)\n  ~ Deployment llm-phi2-llama-cpp\n");
    expect(plain).toContain("      warning  downtime  no pod serves for ≈ 5 min 48 s\n");
    expect(plain).toContain("1 object changed in 1 model; risks: 0 error, 1 warning, 0 info; 1 model unchanged\n");
    expect(plain).not.toContain("\u001b[");
    expect(formatStylish(result([modelDiff("phi2", 1)]), { color: true })).toContain("\u001b[");
    expect(formatStylish(result([]))).toContain("no changes (1 model unchanged)");
  });
});
