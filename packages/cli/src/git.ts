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
 */
export async function changedFiles(cwd: string, since?: string): Promise<string[] | undefined> {
  const lists = since
    ? [await git(cwd, ["diff", "--name-only", "-z", since, "--"]), await git(cwd, ["ls-files", "-z", "--others", "--exclude-standard"])]
    : [
        await git(cwd, ["diff", "--name-only", "-z", "--cached", "--"]),
        await git(cwd, ["diff", "--name-only", "-z", "--"]),
        await git(cwd, ["ls-files", "-z", "--others", "--exclude-standard"]),
      ];
  if (lists.some((l) => l === undefined)) return undefined;
  const out = new Set<string>();
  for (const l of lists) for (const f of (l ?? "").split("\0")) if (f) out.add(f);
  return [...out].sort();
}
