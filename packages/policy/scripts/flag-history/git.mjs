// Reading llama.cpp's history with git plumbing: build numbers for all of master at once, the
// commits that touched the option sources, and file contents through one `git cat-file --batch`.

import { spawn, execFileSync } from "node:child_process";

export class GitError extends Error {}

/** Runs git and returns its stdout; a failure becomes one GitError line. */
export function git(gitDir, args) {
  try {
    return execFileSync("git", [`--git-dir=${gitDir}`, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const msg = String(e.stderr ?? e.message).trim().split("\n")[0];
    throw new GitError(`git ${args[0]}: ${msg}`);
  }
}

/**
 * The build number of every first-parent commit of `rev`: llama.cpp's build number is
 * `git rev-list --count <commit>`. Along the first-parent chain it grows by one per commit, and a
 * merge adds the commits it brings in (counted once per merge, not once per commit).
 * @returns {{ commits: string[], builds: number[], byCommit: Map<string, number> }}
 */
export function buildNumbers(gitDir, rev) {
  const commits = git(gitDir, ["rev-list", "--first-parent", "--reverse", rev]).trim().split("\n");
  const merges = new Set(git(gitDir, ["rev-list", "--first-parent", "--merges", rev]).trim().split("\n").filter(Boolean));
  const builds = [];
  let build = 0;
  for (let i = 0; i < commits.length; i++) {
    const c = commits[i];
    if (i === 0) build = Number(git(gitDir, ["rev-list", "--count", c]).trim());
    else if (merges.has(c)) build += Number(git(gitDir, ["rev-list", "--count", `${c}^1..${c}`]).trim());
    else build += 1;
    builds.push(build);
  }
  const byCommit = new Map(commits.map((c, i) => [c, builds[i]]));
  return { commits, builds, byCommit };
}

/** Checks the computed numbers against the repository's `bNNNN` release tags on the first-parent chain. */
export function checkAgainstTags(gitDir, byCommit) {
  const refs = git(gitDir, ["for-each-ref", "--format=%(refname:short) %(objectname) %(*objectname)", "refs/tags"]).trim().split("\n");
  let checked = 0;
  for (const line of refs) {
    const [name, obj, peeled] = line.split(" ");
    const m = /^b(\d+)$/.exec(name ?? "");
    if (!m) continue;
    const build = byCommit.get(peeled || obj);
    if (build === undefined) continue;
    if (build !== Number(m[1])) throw new GitError(`tag ${name} is commit ${(peeled || obj).slice(0, 8)}, whose rev-list count is ${build}`);
    checked++;
  }
  return checked;
}

/**
 * The first-parent commits after `from` (exclusive) up to `rev` that changed one of `paths`, each
 * with the blob ids it gave them (null: deleted).
 * @returns {{ commit: string, changes: Map<string, string | null> }[]}
 */
export function touchingCommits(gitDir, from, rev, paths) {
  const out = git(gitDir, ["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames", "--raw", "--no-abbrev", "--format=%x01%H", `${from}..${rev}`, "--", ...paths]);
  const result = [];
  let cur;
  for (const line of out.split("\n")) {
    if (line.startsWith("\x01")) { cur = { commit: line.slice(1), changes: new Map() }; result.push(cur); continue; }
    const m = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [A-Z]\d*\t(.+)$/.exec(line);
    if (m && cur) cur.changes.set(m[2], /^0+$/.test(m[1]) ? null : m[1]);
  }
  return result;
}

/** The blob ids of `paths` at a commit. */
export function blobsAt(gitDir, commit, paths) {
  const out = git(gitDir, ["ls-tree", commit, "--", ...paths]);
  const map = new Map(paths.map((p) => [p, null]));
  for (const line of out.split("\n")) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
    if (m) map.set(m[2], m[1]);
  }
  return map;
}

/** One `git cat-file --batch` process answering blob requests in order. */
export class BlobReader {
  constructor(gitDir) {
    this.proc = spawn("git", [`--git-dir=${gitDir}`, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "pipe"] });
    this.buf = Buffer.alloc(0);
    /** @type {{ resolve: (s: string) => void, reject: (e: Error) => void }[]} */
    this.waiting = [];
    this.proc.stdout.on("data", (chunk) => { this.buf = Buffer.concat([this.buf, chunk]); this.drain(); });
    this.proc.on("error", (e) => this.failAll(new GitError(`git cat-file: ${e.message}`)));
    this.proc.on("exit", (code) => { if (this.waiting.length) this.failAll(new GitError(`git cat-file exited with ${code}`)); });
  }

  /** @returns {Promise<string>} */
  read(sha) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(`${sha}\n`);
    });
  }

  drain() {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl < 0 || this.waiting.length === 0) return;
      const header = this.buf.subarray(0, nl).toString("utf8");
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) {
        this.buf = this.buf.subarray(nl + 1);
        this.waiting.shift().reject(new GitError(`git cat-file: ${header}`));
        continue;
      }
      const size = Number(m[2]);
      if (this.buf.length < nl + 1 + size + 1) return;
      const body = this.buf.subarray(nl + 1, nl + 1 + size).toString("utf8");
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.waiting.shift().resolve(body);
    }
  }

  failAll(err) {
    for (const w of this.waiting.splice(0)) w.reject(err);
  }

  close() {
    this.proc.stdin.end();
  }
}
