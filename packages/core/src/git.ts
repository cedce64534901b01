import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, posix, relative, sep } from "node:path";
import type { ResolvedBase } from "@llmchart/diff";
import { DiffError, GitError, UnknownRevisionError } from "./errors.js";

/** What a git process left behind. */
export interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started at all (code 127 then). */
  spawnError?: NodeJS.ErrnoException;
}

export interface RunGitOptions {
  /** Written to git's stdin. */
  input?: string;
  /**
   * LC_ALL=C: git's messages are passed on to the user and matched nowhere, but stay stable (the
   * diff's messages). Off, git speaks the user's locale.
   */
  cLocale?: boolean;
}

/**
 * Runs git in `cwd`: the one place llmchart starts git. Never rejects: a git that cannot start is
 * code 127 with `spawnError` set.
 */
export function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<GitOutput> {
  const { input, cLocale = false } = options;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const env = cLocale ? { ...process.env, LC_ALL: "C" } : process.env;
    const child = spawn("git", [...args], { cwd, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"], env });
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      resolve({ code: 127, stdout: Buffer.alloc(0), stderr: `cannot run git: ${e.message}`, spawnError: e });
    });
    child.on("close", (code) => {
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * Runs git in `cwd` (with `input` on its stdin) and resolves its stdout; a failure rejects with a
 * GitError carrying git's own message.
 */
export async function git(cwd: string, args: string[], options: { input?: string } = {}): Promise<string> {
  const r = await runGit(cwd, args, options.input === undefined ? {} : { input: options.input });
  if (r.spawnError) throw new GitError(args, r.spawnError.code === "ENOENT" ? "git is not installed (not found on PATH)" : r.spawnError.message);
  if (r.code !== 0) throw new GitError(args, r.stderr || `Command failed: git ${args.join(" ")}`);
  return r.stdout.toString("utf8");
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

/** git's first error line without its "fatal: " / "error: " prefix. */
export function gitMessage(stderr: string, fallback: string): string {
  const line = stderr.split("\n").find((l) => l.trim()) ?? fallback;
  return line.replace(/^(fatal|error): /, "").trim();
}

/** git's stdout as text, or a DiffError ("git") with git's own words: for the diff's plumbing. */
async function diffGitText(cwd: string, args: readonly string[]): Promise<string> {
  const r = await runGit(cwd, args, { cLocale: true });
  if (r.code !== 0) throw new DiffError("git", `git ${args[0]} failed: ${gitMessage(r.stderr, `exit ${r.code}`)}`);
  return r.stdout.toString("utf8");
}

export interface Repo {
  /** The work tree's top-level folder. */
  top: string;
  /** `cwd` relative to `top`, `/`-separated, with a trailing `/` (or ""). */
  prefix: string;
}

/** The work tree `cwd` lies in; a DiffError ("not-a-repository") outside one. */
export async function openRepo(cwd: string): Promise<Repo> {
  const r = await runGit(cwd, ["rev-parse", "--show-toplevel", "--show-prefix"], { cLocale: true });
  if (r.code !== 0) throw new DiffError("not-a-repository", `llmchart diff needs a git repository: ${gitMessage(r.stderr, "git rev-parse failed")}`);
  const [top = "", prefix = ""] = r.stdout.toString("utf8").split("\n");
  return { top, prefix };
}

async function commitOf(cwd: string, rev: string): Promise<string> {
  // git before 2.43 has no --end-of-options for rev-parse: a "revision" that is an option is refused here.
  if (rev.startsWith("-") || rev === "") throw new UnknownRevisionError(rev, "a revision cannot be empty or start with \"-\"");
  const r = await runGit(cwd, ["rev-parse", `${rev}^{commit}`, "--"], { cLocale: true });
  if (r.code !== 0) throw new UnknownRevisionError(rev, gitMessage(r.stderr, "unknown revision"));
  return r.stdout.toString("utf8").split("\n")[0]!.trim();
}

/**
 * The base of the comparison: `base` when given; otherwise HEAD when the working tree has changes
 * (what is about to be committed is compared with what is committed), else the merge-base with the
 * upstream branch (what the branch changes), else HEAD.
 */
export async function resolveBase(cwd: string, base: string | undefined): Promise<ResolvedBase> {
  if (base !== undefined) return { rev: base, commit: await commitOf(cwd, base), reason: "given" };
  const status = await runGit(cwd, ["--no-optional-locks", "status", "--porcelain", "-z"], { cLocale: true });
  if (status.code === 0 && status.stdout.length > 0) return { rev: "HEAD", commit: await commitOf(cwd, "HEAD"), reason: "HEAD" };
  const upstream = await runGit(cwd, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"], { cLocale: true });
  if (upstream.code === 0) {
    const name = upstream.stdout.toString("utf8").trim();
    const mb = await runGit(cwd, ["merge-base", "HEAD", "@{upstream}"], { cLocale: true });
    if (mb.code === 0) return { rev: `merge-base HEAD ${name}`, commit: mb.stdout.toString("utf8").trim(), reason: "merge-base" };
  }
  return { rev: "HEAD", commit: await commitOf(cwd, "HEAD"), reason: "HEAD" };
}

/** A file of a commit: its blob id, and whether it is a symbolic link. */
export interface TreeEntry {
  blob: string;
  symlink: boolean;
}

/**
 * The files under `paths` (top-relative) at `commit`: top-relative path → blob. One `ls-tree`.
 * Submodules are left out (helm cannot read them either).
 */
export async function listTree(top: string, commit: string, paths: readonly string[]): Promise<Map<string, TreeEntry>> {
  const out = await diffGitText(top, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...paths]);
  const files = new Map<string, TreeEntry>();
  for (const entry of out.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, blob] = entry.slice(0, tab).split(" ");
    if (type !== "blob" || !blob) continue;
    files.set(entry.slice(tab + 1), { blob, symlink: mode === "120000" });
  }
  return files;
}

/** The contents of `blobs`, all in one `git cat-file --batch`. */
export async function readBlobs(top: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(blobs)];
  const found = new Map<string, Buffer>();
  if (!unique.length) return found;
  const r = await runGit(top, ["cat-file", "--batch"], { input: unique.join("\n") + "\n", cLocale: true });
  if (r.code !== 0) throw new DiffError("git", `git cat-file failed: ${gitMessage(r.stderr, `exit ${r.code}`)}`);
  const buf = r.stdout;
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) break;
    const [id, type, size] = buf.subarray(at, nl).toString("utf8").split(" ");
    if (type === undefined || size === undefined) {
      at = nl + 1; // "<id> missing"
      continue;
    }
    const n = Number(size);
    found.set(id!, buf.subarray(nl + 1, nl + 1 + n));
    at = nl + 1 + n + 1;
  }
  return found;
}

/** The id git gives `content` as a blob, so working-tree files compare with a commit's without running git. */
export function blobId(content: Buffer, algorithm: "sha1" | "sha256"): string {
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** `prefix` + a cwd-relative path, normalised: the path git knows the file by. */
export function topPath(prefix: string, path: string): string {
  return posix.normalize(posix.join(prefix, path));
}

/** The URL of the `origin` remote, or undefined (no repository, no such remote, no git). */
export async function remoteOrigin(cwd: string): Promise<string | undefined> {
  const r = await runGit(cwd, ["remote", "get-url", "origin"]);
  return r.code === 0 ? r.stdout.toString("utf8").trim() || undefined : undefined;
}
