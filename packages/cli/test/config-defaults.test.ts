// Chart-wide defaults in llmchart.config.yaml (`defaults:`): render writes them into the chart's
// values.yaml, and lint judges every model with them, read back from that file, naming the
// config's key where a problem comes from one.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { layoutCopy, runCli } from "./helpers.js";

describe("defaults: in llmchart.config.yaml", () => {
  let dir: string;
  beforeAll(async () => {
    dir = layoutCopy();
    const config = readFileSync(join(dir, "llmchart.config.yaml"), "utf8");
    writeFileSync(join(dir, "llmchart.config.yaml"), `${config}\ndefaults:\n  nodeSelector:\n    llm-node: "true"\n  progressDeadlineSeconds: 3600\n`);
    const r = await runCli(["render"], dir);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it("render carries them into the chart's values.yaml", () => {
    const values = parse(readFileSync(join(dir, "infra/apps/llm/charts/llama-cpp/values.yaml"), "utf8")) as Record<string, unknown>;
    expect(values.nodeSelector).toEqual({ "llm-node": "true" });
    expect(values.progressDeadlineSeconds).toBe(3600);
  });

  it("lint applies them to every model, naming the config key a person edits as their source (not the generated values.yaml)", async () => {
    const r = await runCli(["lint", "--format", "json", "infra/apps/llm/values/phi2.yaml"], dir);
    const problems = JSON.parse(r.stdout) as { ruleId: string; message: string; path: string }[];
    const scheduling = problems.filter((p) => p.ruleId === "dedicated-node-scheduling");
    expect(scheduling).toHaveLength(1);
    expect(scheduling[0]!.path).toBe("nodeSelector");
    const config = readFileSync(join(dir, "llmchart.config.yaml"), "utf8").split("\n");
    const line = config.findIndex((l) => l === "  nodeSelector:") + 1;
    expect(scheduling[0]!.message).toContain(`[nodeSelector comes from llmchart.config.yaml:${line}:3 defaults.nodeSelector]`);
    expect(scheduling[0]!.message).not.toContain("values.yaml");
  }, 120_000);

  it("a default the values schema refuses is a config error at its line", async () => {
    const bad = layoutCopy();
    const config = readFileSync(join(bad, "llmchart.config.yaml"), "utf8");
    writeFileSync(join(bad, "llmchart.config.yaml"), `${config}\ndefaults:\n  progressDeadlineSeconds: 0\n`);
    const lines = config.split("\n").length;
    const r = await runCli(["render"], bad);
    // Like every config problem: one line with its position, exit 2, in every command.
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`llmchart: llmchart.config.yaml:${lines + 2}:28: defaults.progressDeadlineSeconds must be >= 1 (checked against schemas/values.schema.json, as Helm will check the chart's values.yaml)\n`);
  }, 120_000);
});
