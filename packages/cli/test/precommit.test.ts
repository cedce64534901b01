import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, git, helmBin, layoutCopy, runCli, tempTree } from "./helpers.js";

const V = "infra/apps/llm/values";

/** The bundled layout in a fresh git repository with one commit. */
function repo(): string {
  return committed(layoutCopy());
}

describe("the pre-commit hook, with real git", () => {
  it("rejects a commit with a broken values file, naming file:line:col, and lets a good one through", async () => {
    const dir = repo();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);

    const phi2 = join(dir, V, "phi2.yaml");
    const good = readFileSync(phi2, "utf8");
    writeFileSync(phi2, good.replace("replicaCount: 1", "replicaCount: 1\nmodle: {}"));
    git(dir, "add", "-A");
    const bad = git(dir, "commit", "-m", "typo");
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain(`${V}/phi2.yaml:4:1 error schema/unknown-property unknown property "modle"`);
    expect(git(dir, "rev-list", "--count", "HEAD").stdout.trim()).toBe("1");

    writeFileSync(phi2, good.replace("replicaCount: 1", "replicaCount: 2"));
    git(dir, "add", "-A");
    const ok = git(dir, "commit", "-m", "two replicas");
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(git(dir, "rev-list", "--count", "HEAD").stdout.trim()).toBe("2");
  });
});

describe("llmchart check --changed", () => {
  it("has nothing to do when the layout is untouched", async () => {
    const dir = repo();
    writeFileSync(join(dir, "README.md"), "unrelated\n");
    const r = await runCli(["check", "--changed"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("llmchart check: nothing under the LLM layout changed\n");
  });

  it("checks only the model whose values file changed", async () => {
    const dir = repo();
    writeFileSync(join(dir, V, "mistral7b.yaml"), readFileSync(join(dir, V, "mistral7b.yaml"), "utf8").replace('cpu: "6"', 'cpu: "2"'));
    const r = await runCli(["check", "--changed", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((p) => p.file));
    expect([...files]).toEqual([`${V}/mistral7b.yaml`]);
    expect(r.code).toBe(1); // -t 6 with a CPU limit of 2
  });

  it("checks every model when the chart or config changed", async () => {
    const dir = repo();
    const cfg = join(dir, "llmchart.config.yaml");
    writeFileSync(cfg, readFileSync(cfg, "utf8") + "\n# a comment\n");
    const r = await runCli(["check", "--changed", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((p) => p.file));
    expect([...files].sort()).toEqual([`${V}/dolphin-phi2.yaml`, `${V}/mistral7b.yaml`, `${V}/phi2.yaml`]);
  });

  it("catches a deleted Application even when no values file changed", async () => {
    const dir = repo();
    git(dir, "rm", "-q", "infra/apps/llm/argocd/llm-phi2.yaml");
    const r = await runCli(["check", "--changed", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ ruleId: "render/missing", file: "infra/apps/llm/argocd/llm-phi2.yaml" })]);
  });

  it("judges the project's repository when run from another one (git is asked early, from where the user is)", async () => {
    // A project in its own repository, with one values file changed …
    const project = repo();
    writeFileSync(join(project, V, "mistral7b.yaml"), readFileSync(join(project, V, "mistral7b.yaml"), "utf8").replace('cpu: "6"', 'cpu: "2"'));
    const config = join(project, "llmchart.config.yaml");
    const expected = [`${V}/mistral7b.yaml`];
    const filesOf = (stdout: string) => [...new Set((JSON.parse(stdout) as Array<{ file: string }>).map((p) => p.file))];
    // … checked from a repository elsewhere, which has changes of its own …
    const elsewhere = committed(tempTree({ "notes.md": "a\n" }, { config: false }));
    writeFileSync(join(elsewhere, "notes.md"), "b\n");
    const outside = await runCli(["check", "--changed", "-c", config, "--format", "json"], elsewhere, { LLMCHART_HELM: helmBin });
    expect(filesOf(outside.stdout)).toEqual(expected);
    // … and from a repository that holds the project's folder as a nested repository.
    const outer = committed(tempTree({ "notes.md": "a\n" }, { config: false }));
    const nested = join(outer, "deploy");
    renameSync(project, nested);
    writeFileSync(join(outer, "notes.md"), "b\n");
    const inner = await runCli(["check", "--changed", "-c", join(nested, "llmchart.config.yaml"), "--format", "json"], outer, { LLMCHART_HELM: helmBin });
    expect(filesOf(inner.stdout)).toEqual(expected);
    expect(inner.code).toBe(1);
  });

  it("judges the project's repository when run from a folder outside any repository", async () => {
    const project = repo();
    writeFileSync(join(project, V, "mistral7b.yaml"), readFileSync(join(project, V, "mistral7b.yaml"), "utf8").replace('cpu: "6"', 'cpu: "2"'));
    const outside = tempTree({ "notes.md": "a\n" }, { config: false });
    const r = await runCli(["check", "--changed", "-c", join(project, "llmchart.config.yaml"), "--format", "json"], outside, { LLMCHART_HELM: helmBin });
    expect(r.stderr).toBe("");
    expect([...new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((p) => p.file))]).toEqual([`${V}/mistral7b.yaml`]);
  });

  it("needs a git repository", async () => {
    const r = await runCli(["check", "--changed"], layoutCopy());
    expect(r.code).toBe(2);
    // git's own words, not a guess.
    expect(r.stderr).toMatch(/^llmchart check: git rev-parse --show-toplevel: fatal: not a git repository/);
  });
});
