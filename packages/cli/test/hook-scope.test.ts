// The hook judges what the commit touches (issue 23 §5): capacity findings in models a commit does
// not change are context (info, never the exit code) unless the commit caused them; a change to the
// config, the chart or the node pools judges every model. Real git, real Helm.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, git, helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const CONFIG = "llmchart.config.yaml";

/**
 * The bundled layout on two 8-CPU nodes (phi2, dolphin-phi2 and a rollout's surge pod fit), with
 * mistral7b requesting 12 CPUs, which no node has: committed, so it is the state before any change.
 */
function repo(): string {
  const dir = layoutCopy();
  const config = join(dir, CONFIG);
  const pools = "capacity:\n  nodePools:\n    - name: cpu-8\n      cpu: 8\n      memory: 64Gi\n      count: 2\n";
  writeFileSync(config, readFileSync(config, "utf8").replace(/^argocd:/m, `${pools}argocd:`));
  const mistral = join(dir, V, "mistral7b.yaml");
  writeFileSync(mistral, readFileSync(mistral, "utf8").replace(/requests:\n {4}cpu: "4"/, 'requests:\n    cpu: "12"'));
  return committed(dir);
}

const edit = (dir: string, file: string, change: (text: string) => string): void => {
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
};
const hook = (dir: string) => runCli(["check", "--staged", "--changed", "--format", "compact"], dir, { LLMCHART_HELM: helmBin });
const lines = (out: string, rule: string) => out.split("\n").filter((l) => l.includes(` ${rule} `));

describe("the hook judges what the commit touches", () => {
  it("the setup: mistral7b does not fit, in a full check", async () => {
    const dir = repo();
    const r = await runCli(["check", "--format", "compact"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(1);
    expect(lines(r.stdout, "capacity/does-not-fit")).toEqual([expect.stringMatching(new RegExp(`^${V}/mistral7b\\.yaml:\\d+:\\d+ error capacity/does-not-fit mistral7b does not fit`))]);
  });

  it("a comment-only change to phi2.yaml is not refused for mistral7b: exit 0, the finding shown as context", async () => {
    const dir = repo();
    edit(dir, `${V}/phi2.yaml`, (t) => `${t}# a comment\n`);
    git(dir, "add", "-A");
    const r = await hook(dir);
    expect(r.code, r.stdout).toBe(0);
    expect(lines(r.stdout, "capacity/does-not-fit")).toEqual([
      expect.stringMatching(new RegExp(`^${V}/mistral7b\\.yaml:\\d+:\\d+ info capacity/does-not-fit mistral7b does not fit .* \\[context: mistral7b\\.yaml is not part of this change, and was so before it; shown, not judged\\]$`)),
    ]);
  });

  it("the same through a real git commit with the installed hook", async () => {
    const dir = repo();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    edit(dir, `${V}/phi2.yaml`, (t) => `${t}# a comment\n`);
    git(dir, "add", "-A");
    const r = git(dir, "commit", "-m", "comment");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain("info capacity/does-not-fit mistral7b does not fit");
  });

  it("a change to the config judges every model: exit 1", async () => {
    const dir = repo();
    edit(dir, CONFIG, (t) => `${t}# a comment\n`);
    git(dir, "add", "-A");
    const r = await hook(dir);
    expect(r.code).toBe(1);
    expect(lines(r.stdout, "capacity/does-not-fit")).toEqual([expect.stringMatching(/mistral7b\.yaml:\d+:\d+ error capacity\/does-not-fit /)]);
  });

  it("a change to the chart judges every model: exit 1", async () => {
    const dir = repo();
    edit(dir, "infra/apps/llm/charts/llama-cpp/values.yaml", (t) => `${t}# a comment\n`);
    git(dir, "add", "-A");
    const r = await hook(dir);
    expect(r.code).toBe(1);
    expect(lines(r.stdout, "capacity/does-not-fit").some((l) => l.includes("mistral7b.yaml") && l.includes(" error "))).toBe(true);
  });

  it("a change that pushes an untouched model off the nodes is refused for it: the commit caused it", async () => {
    const dir = repo();
    // mistral7b fits again (committed); then phi2 grows to 5 CPUs: it and its surge pod take both nodes first.
    edit(dir, `${V}/mistral7b.yaml`, (t) => t.replace('cpu: "12"', 'cpu: "4"'));
    git(dir, "commit", "-q", "-am", "mistral7b fits");
    edit(dir, `${V}/phi2.yaml`, (t) => t.replace(/requests:\n {4}cpu: "2"/, 'requests:\n    cpu: "5"').replace(/limits:\n {4}cpu: "4"/, 'limits:\n    cpu: "5"').replace('- "4"\n', '- "5"\n'));
    git(dir, "add", "-A");
    const r = await hook(dir);
    expect(r.code, r.stdout).toBe(1);
    const fit = lines(r.stdout, "capacity/does-not-fit");
    expect(fit.filter((l) => l.includes(" error ")).length).toBeGreaterThan(0);
    const untouched = fit.filter((l) => !l.includes("/phi2.yaml"));
    expect(untouched.length).toBeGreaterThan(0);
    expect(untouched.every((l) => l.includes(" error ") && l.includes("(since this change to phi2.yaml: not so before it)"))).toBe(true);
  });
});
