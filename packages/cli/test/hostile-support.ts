// Shared checks of the hostile-input and failure battery (hostile-*.test.ts, property-*.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { afterAll, expect } from "vitest";
import { layoutCopy, repoRoot, type Captured } from "./helpers.js";

/** The real command line entry, as users and the pre-commit hook run it. */
export const binPath = join(repoRoot, "packages", "cli", "bin", "llmchart.js");

/** Bounds for every spawned CLI: a hang or a memory blow-up fails the test instead of the machine. */
export const SPAWN_TIMEOUT_MS = 20_000;
export const SPAWN_HEAP_MB = 256;

export interface Spawned extends Captured {
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}

/** Starts the CLI as a real process (bounded heap); the caller decides when to wait or kill. */
export function startCli(args: readonly string[], cwd: string, options: SpawnOptions = {}): { child: ChildProcess; done: Promise<Spawned> } {
  const child = spawn(process.execPath, [`--max-old-space-size=${SPAWN_HEAP_MB}`, binPath, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill("SIGKILL"), SPAWN_TIMEOUT_MS);
  const done = new Promise<Spawned>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs the CLI as a real process to completion, within SPAWN_TIMEOUT_MS. */
export function spawnCli(args: readonly string[], cwd: string, options: SpawnOptions = {}): Promise<Spawned> {
  return startCli(args, cwd, options).done;
}

/** No stack trace, no "internal error": whatever happened was answered as a user mistake. */
export function expectNoCrash(r: Captured): void {
  expect(r.stderr, r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr + r.stdout).not.toMatch(/internal error|Maximum call stack|RangeError|TypeError/);
}

/**
 * An unreadable-input answer: exit 2 and stderr is exactly `lines.length` lines, each
 * `llmchart[ command]: <file>[:line:col]: <message>` naming the expected file.
 */
export function expectInputErrors(r: Captured, files: readonly (string | RegExp)[]): string[] {
  expectNoCrash(r);
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.replace(/\n$/, "").split("\n");
  expect(lines, r.stderr).toHaveLength(files.length);
  files.forEach((file, i) => {
    const line = lines[i]!;
    expect(line).toMatch(/^llmchart( [a-z]+)?: /);
    if (typeof file === "string") expect(line.startsWith(`llmchart: ${file}:`), line).toBe(true);
    else expect(line).toMatch(file);
  });
  return lines;
}

export interface CompactProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
}

/** Parses `--format compact` output: one line per problem, then a count line; asserts the shape. */
export function compactProblems(stdout: string): CompactProblem[] {
  if (!stdout) return [];
  const lines = stdout.replace(/\n$/, "").split("\n");
  const summary = lines.pop()!;
  expect(summary).toMatch(/^\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\)$/);
  return lines.map((l) => {
    const m = /^(.+?):(\d+):(\d+) (error|warning|info) (\S+) (.+)$/.exec(l);
    expect(m, `not a one-line problem: ${l}`).not.toBeNull();
    return { file: m![1]!, line: Number(m![2]), column: Number(m![3]), severity: m![4]!, ruleId: m![5]!, message: m![6]! };
  });
}

/** Every file below `dir` (relative, `/`-separated) with its content; symlinks as `-> target`. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      const rel = relative(dir, abs).split(sep).join("/");
      if (e.isSymbolicLink()) out.set(rel, `-> ${readlinkSync(abs)}`);
      else if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.set(rel, readFileSync(abs, "latin1"));
      else out.set(rel, `<${lstatSync(abs).mode.toString(8)}>`);
    }
  };
  walk(dir);
  return out;
}

/** Temporary files writeFileAtomic leaves only when killed mid-write. */
export function tempFiles(dir: string): string[] {
  return [...snapshotTree(dir).keys()].filter((p) => /(^|\/)\.[^/]+\.\d+\.[0-9a-z]+\.tmp$/.test(p));
}

/** Makes a tree readable (and folders enterable) by every user, for a CLI spawned as `nobody`. */
export function openToAll(dir: string): void {
  const st = statSync(dir);
  chmodSync(dir, st.isDirectory() ? 0o777 : 0o666);
  if (!st.isDirectory()) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) if (!e.isSymbolicLink()) openToAll(join(dir, e.name));
}

/** When the tests run as root, permissions do not stop writes: run the CLI as `nobody` instead. */
export const unprivileged: SpawnOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Runs `fn` with every folder above `path` enterable by other users, then restores their modes.
 * `nobody` must reach the CLI's own files, and a checkout may sit below a private folder
 * (`mktemp -d` makes mode 700), which would fail the spawn before the CLI even starts.
 */
export async function withReachable<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const changed: Array<[string, number]> = [];
  if (process.getuid?.() === 0) {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const mode = statSync(dir).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        changed.push([dir, mode]);
      }
      if (dirname(dir) === dir) break;
    }
  }
  try {
    return await fn();
  } finally {
    for (const [dir, mode] of changed.reverse()) chmodSync(dir, mode);
  }
}

/** A small deterministic PRNG (mulberry32), so loops with random delays are reproducible from a printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Temporary folders of one test file, removed after its last test: `layout()` copies the bundled layout. */
export function tempDirs(): { layout(): string; track(dir: string): string } {
  const dirs: string[] = [];
  const track = (dir: string) => {
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return { layout: () => track(layoutCopy()), track };
}
