import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileP = promisify(execFile);

/** Runs git in `cwd`; resolves stdout, or undefined when git fails or is missing. */
export async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await execFileP("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The repository's top-level folder, or undefined outside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  return (await git(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || undefined;
}

/**
 * Files changed relative to the index and HEAD (staged, unstaged and untracked), as
 * repo-relative `/` paths — what a pre-commit run must look at. With `since`, the files changed
 * between that revision and the working tree (a CI run on a pull request).
 *
 * Without `since` this is one `git status` (a process start costs on the pre-commit path), from
 * any folder of the work tree: porcelain paths are always relative to the top level. Renames are
 * listed as the deletion and the addition they are, so a file moved out of the chart counts as a
 * change of the chart. `--no-optional-locks`: git commit holds the index lock while its hook runs.
 */
export async function changedFiles(cwd: string, since?: string): Promise<string[] | undefined> {
  if (!since) {
    const status = await git(cwd, ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"]);
    if (status === undefined) return undefined;
    // Entries are "XY path"; with --no-renames no entry carries a second path.
    const out = new Set<string>();
    for (const entry of status.split("\0")) if (entry.length > 3) out.add(entry.slice(3));
    return [...out].sort();
  }
  const lists = await Promise.all([git(cwd, ["diff", "--name-only", "-z", since, "--"]), git(cwd, ["ls-files", "-z", "--others", "--exclude-standard"])]);
  if (lists.some((l) => l === undefined)) return undefined;
  const out = new Set<string>();
  for (const l of lists) for (const f of (l ?? "").split("\0")) if (f) out.add(f);
  return [...out].sort();
}
