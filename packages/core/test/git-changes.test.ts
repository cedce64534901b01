import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { changedFiles } from "../src/git.js";
import { GitError } from "../src/errors.js";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-git-"));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid" };
const git = (dir: string, ...args: string[]) => spawnSync("git", args, { cwd: dir, env, encoding: "utf8" });

/** A repository holding `files`, all committed. */
function committedTree(files: Record<string, string>): string {
  const dir = tempTree(files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

describe("changedFiles (what check --changed looks at)", () => {
  it("lists staged, unstaged and untracked files from any folder, both sides of a rename, never ignored files", async () => {
    const dir = committedTree({ "a.yaml": "a\n", "b.yaml": "b\n", "chart/old.yaml": "o\n", "sub/c.yaml": "c\n", ".gitignore": "*.log\n" });
    writeFileSync(join(dir, "a.yaml"), "a2\n");
    git(dir, "add", "a.yaml");
    writeFileSync(join(dir, "b.yaml"), "b2\n");
    mkdirSync(join(dir, "new"));
    writeFileSync(join(dir, "new", "d.yaml"), "d\n");
    writeFileSync(join(dir, "debug.log"), "x\n");
    renameSync(join(dir, "chart", "old.yaml"), join(dir, "moved.yaml"));
    git(dir, "add", "-A", "chart", "moved.yaml");
    const expected = ["a.yaml", "b.yaml", "chart/old.yaml", "moved.yaml", "new/d.yaml"];
    expect(await changedFiles(dir)).toEqual(expected);
    expect(await changedFiles(join(dir, "sub"))).toEqual(expected);
  });

  it("rejects with git's own message outside a git work tree", async () => {
    const err = await changedFiles(tempTree({ "a.yaml": "a\n" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toMatch(/not a git repository/i);
  });

  it("rejects an unknown revision with a message that names it", async () => {
    const dir = committedTree({ "a.yaml": "a\n" });
    const err = await changedFiles(dir, { since: "no-such-rev" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toContain("no-such-rev");
  });

  it("with staged, lists only what the index changes against HEAD: no unstaged or untracked file", async () => {
    const dir = committedTree({ "a.yaml": "a\n", "b.yaml": "b\n" });
    writeFileSync(join(dir, "a.yaml"), "a2\n");
    git(dir, "add", "a.yaml");
    writeFileSync(join(dir, "b.yaml"), "b2\n");
    writeFileSync(join(dir, "c.yaml"), "c\n");
    expect(await changedFiles(dir, { staged: true })).toEqual(["a.yaml"]);
  });
});
