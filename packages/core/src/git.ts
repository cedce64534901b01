import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { GitError } from "./errors.js";

/**
 * Runs git in `cwd` (with `input` on its stdin) and resolves its stdout; a failure rejects with a
 * GitError carrying git's own message.
 */
export function git(cwd: string, args: string[], options: { maxBuffer?: number; input?: string } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile("git", args, { cwd, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, encoding: "utf8" }, (err, stdout, stderr) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
        reject(new GitError(args, missing ? "git is not installed (not found on PATH)" : stderr || err.message));
      } else resolvePromise(stdout);
    });
    child.stdin?.end(options.input);
  });
}

/** The repository's top-level folder; a GitError (git's message) outside a work tree. */
export async function gitTopLevel(cwd: string): Promise<string> {
  return (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
}

function nulList(out: string): string[] {
  return out.split("\0").filter(Boolean);
}

/**
 * Files a pre-commit run must look at, as repo-relative `/` paths: with `staged`, what the index
 * changes against HEAD (the commit being made — nothing unstaged or untracked); otherwise
 * everything changed in the work tree (staged, unstaged and untracked). With `since`, the files
 * changed between that revision and the working tree plus untracked files (a CI run on a pull
 * request). Renames count as the deletion and the addition they are.
 * `--no-optional-locks`: git commit holds the index lock while its hook runs.
 */
export async function changedFiles(cwd: string, options: { since?: string; staged?: boolean } = {}): Promise<string[]> {
  const out = new Set<string>();
  if (options.since !== undefined) {
    // A bad revision is the user's mistake: verify it first so git's own message names it.
    await git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${options.since}^{commit}`]).catch(() => {
      throw new GitError(["rev-parse", options.since!], `fatal: unknown revision '${options.since}' (not a commit in this repository)`);
    });
    const [diff, others] = await Promise.all([
      git(cwd, ["diff", "--name-only", "--no-renames", "-z", options.since, "--"]),
      git(cwd, ["ls-files", "-z", "--others", "--exclude-standard"]),
    ]);
    for (const f of [...nulList(diff), ...nulList(others)]) out.add(f);
  } else if (options.staged) {
    const head = await git(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]).then(
      () => true,
      () => false,
    );
    // Before the first commit everything in the index is new.
    const diff = head
      ? await git(cwd, ["--no-optional-locks", "diff", "--cached", "--name-only", "--no-renames", "-z", "HEAD", "--"])
      : await git(cwd, ["--no-optional-locks", "ls-files", "-z", "--cached"]);
    for (const f of nulList(diff)) out.add(f);
  } else {
    const status = await git(cwd, ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"]);
    // Entries are "XY path"; with --no-renames no entry carries a second path.
    for (const entry of status.split("\0")) if (entry.length > 3) out.add(entry.slice(3));
  }
  return [...out].sort();
}

/** What checkLayout asks git with `--changed`, `--since` or `--staged`: the changed files and the repository's top. */
export interface ChangeScanOptions {
  since?: string;
  staged?: boolean;
}

/**
 * The two git questions of a `--changed`/`--since` run, asked at once in `cwd`. A command can
 * start this before it loads its config and code, so git answers meanwhile; checkLayout takes
 * the answers when `cwd` lies in the project's own repository and asks again otherwise.
 */
export interface ChangeScan {
  cwd: string;
  options: ChangeScanOptions;
  top: Promise<string>;
  files: Promise<string[]>;
}

export function startChangeScan(cwd: string, options: ChangeScanOptions = {}): ChangeScan {
  const files = changedFiles(cwd, options);
  const top = gitTopLevel(cwd);
  // Awaited by the caller (top first: outside a repository its message is the one reported).
  files.catch(() => undefined);
  top.catch(() => undefined);
  return { cwd, options: { ...options }, top, files };
}

/** Whether the `/`-separated path `p` is `dir` or lies under it. */
export function under(p: string, dir: string): boolean {
  return p === dir || p.startsWith(`${dir}/`);
}

/** Repo-top-relative paths from git as root-relative ones, dropping what lies outside the root. */
export function relativeToRoot(root: string, top: string, paths: readonly string[]): string[] {
  return paths.map((p) => relative(root, join(top, p)).split(sep).join("/")).filter((p) => p && !p.startsWith("../") && !isAbsolute(p));
}

/**
 * Whether `dir` belongs to the work tree whose top is `top` (what git answered for another folder):
 * inside it, with no nested repository (a submodule, a checkout in a checkout) on the way up.
 */
export function inRepository(dir: string, top: string): boolean {
  const rel = relative(top, dir);
  if (rel.startsWith("..") || isAbsolute(rel)) return false;
  for (let d = dir; d !== top; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return false;
    if (dirname(d) === d) return false;
  }
  return true;
}
