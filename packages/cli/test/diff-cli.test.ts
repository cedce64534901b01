// `llmchart diff` through the CLI on a real git repository with real Helm: the thin command over
// core's diffProject, and the capacity plan behind a scheduling change.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";

function repoWithPools(count: number): string {
  const dir = layoutCopy();
  const config = join(dir, "llmchart.config.yaml");
  writeFileSync(config, readFileSync(config, "utf8").replace(/\nrules: \{\}\n/, `\nrules: {}\ncapacity:\n  nodePools:\n    - { name: cpu8, cpu: "8", memory: 64Gi, count: ${count} }\n`));
  return committed(dir);
}

type Entry = { model: string; kind: string; risks: { id: string; message: string }[] };

describe("llmchart diff (CLI)", () => {
  it("says a changed request still fits on the configured node pools", async () => {
    const dir = repoWithPools(2);
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, readFileSync(phi2, "utf8").replace(/requests:\n(\s+)cpu: "2"/, 'requests:\n$1cpu: "3"'));
    const r = await runCli(["diff", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code, r.stderr).toBe(0);
    const risks = (JSON.parse(r.stdout) as Entry[]).flatMap((e) => e.risks).filter((x) => x.id === "scheduling-change");
    expect(risks.length).toBeGreaterThan(0);
    expect(risks[0]!.message).toMatch(/with the configured node pools it still fits \(node cpu8-\d\)/);
  });

  it("says when it no longer fits, and --exit-code is 1 because something changed", async () => {
    const dir = repoWithPools(1);
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, readFileSync(phi2, "utf8").replace(/requests:\n(\s+)cpu: "2"/, 'requests:\n$1cpu: "7"'));
    const r = await runCli(["diff", "--format", "json", "--exit-code"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code, r.stderr).toBe(1);
    const risks = (JSON.parse(r.stdout) as Entry[]).flatMap((e) => e.risks).filter((x) => x.id === "scheduling-change");
    expect(risks[0]!.message).toMatch(/with the configured node pools it no longer fits: /);
  });

  it("exits 2 with git's words for an unknown base", async () => {
    const r = await runCli(["diff", "--base", "no-such-rev"], repoWithPools(1), { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^llmchart diff: .*no-such-rev/);
  });

  it("a config change render has not applied: the changes render will make, one line that render must run, --exit-code 1", async () => {
    const dir = committed(layoutCopy());
    const config = join(dir, "llmchart.config.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace(/^argocd:/m, "defaults:\n  podAnnotations:\n    team: ml\nargocd:"));
    const r = await runCli(["diff", "--exit-code"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^llmchart diff: base HEAD \(\w+\), the chart llmchart\.config\.yaml generates changed \(render has not run\): every model, with that chart$/);
    expect(lines[1]).toMatch(/^render has not run: the chart is not what llmchart\.config\.yaml generates \(.+\): shown is what `llmchart render` will produce — run `llmchart render` and commit the result$/);
    expect(r.stdout).toContain("spec.template.metadata.annotations: (absent) → {\"team\":\"ml\"}");
    expect(r.stdout).not.toMatch(/^no changes/m);
    // JSON stays one array; the line goes to stderr.
    const json = await runCli(["diff", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/^llmchart diff: render has not run: /);
    expect((JSON.parse(json.stdout) as Entry[]).length).toBeGreaterThan(0);
    // Following the advice: render, then diff again — the same changes, nothing pending.
    expect((await runCli(["render"], dir)).code).toBe(0);
    const after = await runCli(["diff", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(after.stderr).toBe("");
    expect(after.stdout).toBe(json.stdout);
  });
});
