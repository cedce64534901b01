import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { helmBin, layoutCopy, runCli } from "./helpers.js";

// Loosen the values schema for this file only: the schema stage forgets that service.type is an
// enum, as a hand-edited or outdated schema would. What must still catch a bad type is the
// manifest stage (helm template + the Kubernetes schema of Service).
vi.mock("@llmchart/schema", async (importOriginal) => {
  const real = await importOriginal<typeof import("@llmchart/schema")>();
  return {
    ...real,
    checkValues: (source: Parameters<typeof real.checkValues>[0]) => {
      const checked = real.checkValues(source);
      return { ...checked, problems: checked.problems.filter((p) => p.path !== "service.type") };
    },
  };
});

describe("llmchart check: the manifest stage", () => {
  it("catches a bad service.type that slipped past a loosened schema", async () => {
    const dir = layoutCopy();
    const chartSchema = join(dir, "infra/apps/llm/charts/llama-cpp/values.schema.json");
    const schema = JSON.parse(readFileSync(chartSchema, "utf8")) as { properties: { service: { properties: { type: { enum?: string[] } } } } };
    delete schema.properties.service.properties.type.enum;
    writeFileSync(chartSchema, JSON.stringify(schema, null, 2) + "\n");
    const values = join(dir, "infra/apps/llm/values/phi2.yaml");
    writeFileSync(values, readFileSync(values, "utf8") + "service:\n  type: Foo\n");

    const r = await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin });
    const problems = JSON.parse(r.stdout) as Array<{ ruleId: string; file: string; message: string }>;
    expect(problems.filter((p) => p.ruleId.startsWith("schema/"))).toEqual([]);
    const manifest = problems.filter((p) => p.ruleId === "manifest/schema");
    expect(manifest).toEqual([
      expect.objectContaining({ file: "infra/apps/llm/values/phi2.yaml", message: expect.stringMatching(/Service "llm-phi2-llama-cpp": spec\.type must be equal to one of the allowed values/) as unknown }),
    ]);
    expect(r.code).toBe(1);
  });
});
