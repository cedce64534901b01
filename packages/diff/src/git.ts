import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { DiffError, UnknownRevisionError } from "./errors.js";

interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git; never rejects (code 127 when git cannot start). */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<GitOutput> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // LC_ALL=C: git's messages are passed on to the user and matched nowhere, but stay stable.
    const child = spawn("git", [...args], { cwd, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => { resolve({ code: 127, stdout: Buffer.alloc(0), stderr: `cannot run git: ${e.message}` }); });
    child.on("close", (code) => { resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }); });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** git's first error line without its "fatal: " / "error: " prefix. */
export function gitMessage(stderr: string, fallback: string): string {
  const line = stderr.split("\n").find((l) => l.trim()) ?? fallback;
  return line.replace(/^(fatal|error): /, "").trim();
}

async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  const r = await runGit(cwd, args);
  if (r.code !== 0) throw new DiffError("git", `git ${args[0]} failed: ${gitMessage(r.stderr, `exit ${r.code}`)}`);
  return r.stdout.toString("utf8");
}

export interface Repo {
  /** The work tree's top-level folder. */
  top: string;
  /** `cwd` relative to `top`, `/`-separated, with a trailing `/` (or ""). */
  prefix: string;
}

export async function openRepo(cwd: string): Promise<Repo> {
  const r = await runGit(cwd, ["rev-parse", "--show-toplevel", "--show-prefix"]);
  if (r.code !== 0) throw new DiffError("not-a-repository", `llmchart diff needs a git repository: ${gitMessage(r.stderr, "git rev-parse failed")}`);
  const [top = "", prefix = ""] = r.stdout.toString("utf8").split("\n");
  return { top, prefix };
}

/** How the base revision was chosen, for the summary line. */
export type BaseReason = "given" | "merge-base" | "HEAD";

export interface ResolvedBase {
  /** What the user gave, or what was chosen (`HEAD`, `merge-base HEAD origin/main`). */
  rev: string;
  commit: string;
  reason: BaseReason;
}

async function commitOf(cwd: string, rev: string): Promise<string> {
  // git before 2.43 has no --end-of-options for rev-parse: a "revision" that is an option is refused here.
  if (rev.startsWith("-") || rev === "") throw new UnknownRevisionError(rev, "a revision cannot be empty or start with \"-\"");
  const r = await runGit(cwd, ["rev-parse", `${rev}^{commit}`, "--"]);
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
  const status = await runGit(cwd, ["--no-optional-locks", "status", "--porcelain", "-z"]);
  if (status.code === 0 && status.stdout.length > 0) return { rev: "HEAD", commit: await commitOf(cwd, "HEAD"), reason: "HEAD" };
  const upstream = await runGit(cwd, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]);
  if (upstream.code === 0) {
    const name = upstream.stdout.toString("utf8").trim();
    const mb = await runGit(cwd, ["merge-base", "HEAD", "@{upstream}"]);
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
  const out = await gitText(top, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...paths]);
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
  const r = await runGit(top, ["cat-file", "--batch"], unique.join("\n") + "\n");
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
