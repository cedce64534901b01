import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitError } from "./errors.js";
import { git } from "./git.js";

/** A copy of what the index holds for some paths, in a temporary folder. */
export interface StagedSnapshot {
  /** The folder that corresponds to the project root inside the copy. */
  root: string;
  /** Removes the copy. */
  dispose(): void;
}

/**
 * Writes the staged (index) content of `paths` (relative to `root`) into a temporary folder:
 * what a commit will contain, not the working tree. Unstaged edits and untracked files play no
 * part. `git checkout-index` writes top-level-relative paths, so the project root inside the copy
 * is the copy plus root's prefix in the repository.
 */
export async function stagedSnapshot(root: string, paths: readonly string[]): Promise<StagedSnapshot> {
  const prefix = (await git(root, ["rev-parse", "--show-prefix"])).trim();
  const dir = mkdtempSync(join(tmpdir(), "llmchart-staged-"));
  const dispose = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const listed = await git(root, ["ls-files", "-z", "--cached", "--", ...paths]);
    if (listed) {
      await new Promise<void>((resolvePromise, reject) => {
        void import("node:child_process").then(({ spawn }) => {
          const child = spawn("git", ["checkout-index", "-z", "--stdin", `--prefix=${dir}/`], { cwd: root, stdio: ["pipe", "ignore", "pipe"] });
          let stderr = "";
          child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
          child.on("error", reject);
          child.on("close", (code) => {
            if (code === 0) resolvePromise();
            else reject(new GitError(["checkout-index"], stderr || `exited with ${String(code)}`));
          });
          child.stdin.end(listed);
        }, reject);
      });
    }
  } catch (err) {
    dispose();
    throw err;
  }
  return { root: join(dir, prefix), dispose };
}
