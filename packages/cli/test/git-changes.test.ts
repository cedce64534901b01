import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFiles } from "../src/git.js";
import { tempTree } from "./helpers.js";

const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid" };
const git = (dir: string, ...args: string[]) => spawnSync("git", args, { cwd: dir, env, encoding: "utf8" });

describe("changedFiles (what check --changed looks at)", () => {
  it("lists staged, unstaged and untracked files from any folder, both sides of a rename, never ignored files", async () => {
    const dir = tempTree({ "a.yaml": "a\n", "b.yaml": "b\n", "chart/old.yaml": "o\n", "sub/c.yaml": "c\n", ".gitignore": "*.log\n" });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "init");
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

  it("is undefined outside a git work tree", async () => {
    expect(await changedFiles(tempTree({ "a.yaml": "a\n" }))).toBeUndefined();
  });
});
