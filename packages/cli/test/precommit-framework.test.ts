import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { gitEnv, repoRoot } from "./helpers.js";

const V = "infra/apps/llm/values";
const bin = join(repoRoot, "packages", "cli", "bin", "llmchart.js");
// The environment of a person's shell: none of the npm_config_*/pnpm variables the test runner
// (started by pnpm) would hand to the npm that pre-commit runs.
const env = {
  ...Object.fromEntries(Object.entries(gitEnv).filter(([k]) => !/^(npm_|pnpm_|PNPM_)/i.test(k))),
  npm_config_audit: "false",
  npm_config_fund: "false",
};

function sh(cwd: string, cmd: string, ...args: string[]) {
  return spawnSync(cmd, args, { cwd, env: { ...env, PRE_COMMIT_HOME: preCommitHome }, encoding: "utf8" });
}

let preCommitHome = "";
let hookRepo = "";
let rev = "";

/**
 * This repository as a consumer's `repo:` sees it: a clone, plus what a release revision carries
 * beyond main — the built CLI bundle (dist/ is ignored on main) — committed there. The files the
 * hook's install reads are taken from this working tree, so the test checks them as they are now.
 */
function releaseClone(): { dir: string; rev: string } {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-hook-repo-"));
  execFileSync("git", ["clone", "-q", repoRoot, dir], { env });
  for (const p of ["package.json", ".pre-commit-hooks.yaml", "scripts/build-workspace.mjs", "packages/cli/package.json", "packages/cli/bin", "packages/cli/dist/bundle"]) {
    cpSync(join(repoRoot, p), join(dir, p), { recursive: true });
  }
  const add = sh(dir, "git", "add", "-A", "-f", ".");
  expect(add.status, add.stderr).toBe(0);
  const c = sh(dir, "git", "commit", "-q", "--allow-empty", "-m", "release: bundle the CLI");
  expect(c.status, c.stderr).toBe(0);
  return { dir, rev: sh(dir, "git", "rev-parse", "HEAD").stdout.trim() };
}

/** A consumer: only a values layout (rendered) and a config, its own git history, no package.json. */
function consumer(): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-consumer-"));
  cpSync(join(repoRoot, "llmchart.config.yaml"), join(dir, "llmchart.config.yaml"));
  mkdirSync(join(dir, V), { recursive: true });
  for (const f of ["phi2.yaml", "mistral7b.yaml"]) cpSync(join(repoRoot, V, f), join(dir, V, f));
  execFileSync(process.execPath, [bin, "render"], { cwd: dir, env });
  writeFileSync(join(dir, ".pre-commit-config.yaml"), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: llmchart-check\n`);
  expect(sh(dir, "git", "init", "-q").status).toBe(0);
  expect(sh(dir, "git", "add", "-A").status).toBe(0);
  const c = sh(dir, "git", "commit", "-q", "-m", "layout");
  expect(c.status, c.stderr).toBe(0);
  return dir;
}

const breakPhi2 = (dir: string) => {
  const f = join(dir, V, "phi2.yaml");
  writeFileSync(f, readFileSync(f, "utf8").replace(/^replicaCount: .*$/m, "replicaCount: one"));
};

describe("the pre-commit framework hook (real pre-commit, language: node) from another repository", () => {
  beforeAll(() => {
    preCommitHome = mkdtempSync(join(tmpdir(), "llmchart-pre-commit-home-"));
    ({ dir: hookRepo, rev } = releaseClone());
    // Installs the hook environment once (npm install, npm pack, npm install -g): the slow part.
    const dir = consumer();
    const install = sh(dir, "pre-commit", "install-hooks");
    expect(install.status, install.stdout + install.stderr).toBe(0);
  }, 600_000);

  it("passes a clean repository with --all-files", () => {
    const dir = consumer();
    const r = sh(dir, "pre-commit", "run", "--all-files");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/llmchart check \(LLM layout\)\.+Passed/);
  });

  it("fails --all-files on an error that is already committed, naming file:line:col", () => {
    const dir = consumer();
    breakPhi2(dir);
    sh(dir, "git", "commit", "-q", "-a", "-m", "broken", "--no-verify");
    const r = sh(dir, "pre-commit", "run", "--all-files");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/llmchart check \(LLM layout\)\.+Failed/);
    expect(r.stdout).toMatch(new RegExp(`^${V}/phi2\\.yaml:3:15 error schema/type `, "m"));
  });

  it("prints each problem once, however many batches pre-commit splits the files into (require_serial)", () => {
    const dir = consumer();
    breakPhi2(dir);
    sh(dir, "git", "commit", "-q", "-a", "-m", "broken", "--no-verify");
    // --all-files passes the config, every chart file and both values files: on several CPUs
    // pre-commit would otherwise split them into one batch per CPU, each checking every model.
    const r = sh(dir, "pre-commit", "run", "--all-files");
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith(`${V}/phi2.yaml:3:15 error schema/type `));
    expect(lines, r.stdout).toHaveLength(1);
  });

  it("blocks a commit of a bad staged values file, naming file:line:col, and has nothing to do for other files", () => {
    const dir = consumer();
    expect(sh(dir, "pre-commit", "install").status).toBe(0);
    writeFileSync(join(dir, "notes.yaml"), "a: 1\n");
    sh(dir, "git", "add", "notes.yaml");
    const unrelated = sh(dir, "git", "commit", "-q", "-m", "notes");
    expect(unrelated.status, unrelated.stdout + unrelated.stderr).toBe(0);

    breakPhi2(dir);
    sh(dir, "git", "add", "-A");
    const r = sh(dir, "git", "commit", "-m", "typo");
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`^${V}/phi2\\.yaml:3:15 error schema/type `, "m"));
    expect(sh(dir, "git", "rev-list", "--count", "HEAD").stdout.trim()).toBe("2");
  });
});
