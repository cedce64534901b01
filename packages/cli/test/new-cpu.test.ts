import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const QWEN = ["--repo-id", "Qwen/Qwen2.5-7B-Instruct-GGUF", "--file", "qwen2.5-7b-instruct-q4_k_m.gguf"];

/** The bundled layout with node pools of 8-CPU nodes (allocatable 7.91 CPU with the default reservation). */
function withEightCpuPools(): string {
  const dir = layoutCopy();
  const config = join(dir, "llmchart.config.yaml");
  const pools = "capacity:\n  nodePools:\n    - name: cpu-8\n      cpu: 8\n      memory: 64Gi\n      count: 4\n";
  writeFileSync(config, readFileSync(config, "utf8").replace(/^argocd:/m, `${pools}argocd:`));
  return dir;
}

describe("llmchart new --cpu against the node pools", () => {
  it("--cpu 8 on 8-CPU pools is an error naming the most that fits (7), and writes nothing", async () => {
    const dir = withEightCpuPools();
    const r = await runCli(["new", "qwen7b", ...QWEN, "--cpu", "8"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "--cpu 8 requests more CPU than any node can give one pod: the largest allocatable is 7.91 CPU (pool cpu-8: 8 CPU minus 90m CPU reserved) — at most --cpu 7 fits",
    );
    expect(r.stderr).toContain("capacity/does-not-fit");
    expect(existsSync(join(dir, V, "qwen7b.yaml"))).toBe(false);
  });

  it("following the advice (--cpu 7): the model is written, and capacity places it", async () => {
    const dir = withEightCpuPools();
    const r = await runCli(["new", "qwen7b", ...QWEN, "--cpu", "7"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const capacity = await runCli(["capacity", "--format", "json", "qwen7b"], dir);
    const report = JSON.parse(capacity.stdout) as { models: { model: string; fits: boolean; node: string | null }[] };
    expect(report.models).toEqual([expect.objectContaining({ model: "qwen7b", fits: true })]);
  });
});
