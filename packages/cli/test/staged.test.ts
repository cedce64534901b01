// The native pre-commit hook judges exactly what a commit contains (issue 16): staged content
// read from the index, never the working tree; untracked and unstaged files play no part.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, git, helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";

function repoWithHook(): { dir: string; phi2: string; good: string } {
  const dir = committed(layoutCopy());
  return { dir, phi2: join(dir, V, "phi2.yaml"), good: readFileSync(join(dir, V, "phi2.yaml"), "utf8") };
}

const commits = (dir: string) => git(dir, "rev-list", "--count", "HEAD").stdout.trim();

describe("the native hook checks the index, not the working tree (real git)", () => {
  it("refuses a broken staged file even when the working tree holds the fix", async () => {
    const { dir, phi2, good } = repoWithHook();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    writeFileSync(phi2, good.replace("replicaCount: 1", 'replicaCount: "one"'));
    git(dir, "add", phi2);
    writeFileSync(phi2, good); // unstaged fix
    const r = git(dir, "commit", "-m", "broken in the index");
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`${V}/phi2\\.yaml:\\d+:\\d+ error schema/type replicaCount must be an integer`));
    expect(commits(dir)).toBe("1");
  });

  it("judges the generated files of a staged config change with the repository's own render command (its package.json is not in the copy)", async () => {
    const { dir } = repoWithHook();
    const config = join(dir, "llmchart.config.yaml");
    writeFileSync(config, `${readFileSync(config, "utf8")}\n# a comment only: the generated files stay as they are\n`);
    git(dir, "add", config);
    const r = await runCli(["check", "--staged", "--changed", "--format", "compact"], dir, { LLMCHART_HELM: helmBin });
    expect(r.stdout).not.toContain("render/");
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("accepts a good staged file while the working tree holds a broken edit, and HEAD holds the good one", async () => {
    const { dir, phi2, good } = repoWithHook();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    const better = good.replace("replicaCount: 1", "replicaCount: 2");
    writeFileSync(phi2, better);
    git(dir, "add", phi2);
    writeFileSync(phi2, good.replace("replicaCount: 1", "replicaCount: [oops"));
    const r = git(dir, "commit", "-m", "two replicas");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(git(dir, "show", `HEAD:${V}/phi2.yaml`).stdout).toBe(better);
  });

  it("ignores an untracked broken values file that is not part of the commit", async () => {
    const { dir, phi2, good } = repoWithHook();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    writeFileSync(join(dir, V, "scratch.yaml"), "replicaCount: [\n");
    writeFileSync(phi2, good.replace("replicaCount: 1", "replicaCount: 2"));
    git(dir, "add", phi2);
    const r = git(dir, "commit", "-m", "two replicas");
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("check --staged without --changed judges the whole index (what pre-commit.ci would check)", async () => {
    const { dir, phi2, good } = repoWithHook();
    writeFileSync(phi2, good.replace("replicaCount: 1", 'replicaCount: "one"'));
    git(dir, "add", phi2);
    writeFileSync(phi2, good);
    const staged = await runCli(["check", "--staged", "--format", "compact"], dir, { LLMCHART_HELM: helmBin });
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain(`${V}/phi2.yaml:`);
    const worktree = await runCli(["check", "--format", "compact"], dir, { LLMCHART_HELM: helmBin });
    expect(worktree.code, worktree.stdout).toBe(0);
  });
});
