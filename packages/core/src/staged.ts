import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    if (listed) await git(root, ["checkout-index", "-z", "--stdin", `--prefix=${dir}/`], { input: listed });
  } catch (err) {
    dispose();
    throw err;
  }
  return { root: join(dir, prefix), dispose };
}
