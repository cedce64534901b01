import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLayout, loadProject } from "@llmchart/core";
import { startEarlyCheck } from "@llmchart/core/early";
import { describe, expect, it } from "vitest";
import { committed, git, helmBin, layoutCopy, removeLater } from "./helpers.js";

// check --changed/--staged/--since start helm for the changed values files as soon as git has
// answered, before the YAML library, the validators and the rules load (@llmchart/core/early).

const bin = join(import.meta.dirname, "..", "bin", "llmchart.js");
const V = "infra/apps/llm/values";

function llmchart(args: string[], cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A helm that logs each of its invocations, then runs the real one. */
function countingHelm(): { path: string; calls: () => string[] } {
  const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-helm-")));
  const log = join(dir, "calls.log");
  const path = join(dir, "helm");
  writeFileSync(path, `#!/bin/sh\necho "$*" >> "${log}"\nexec "${helmBin}" "$@"\n`);
  chmodSync(path, 0o755);
  return { path, calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []) };
}

describe("check's early start", () => {
  it("renders a changed model once, and finds what a check without the early start finds", () => {
    const dir = committed(layoutCopy());
    const helm = countingHelm();
    const env = { LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    // The first check remembers the config; only then can the early start read it without YAML.
    expect(llmchart(["check"], dir, env).code).toBe(0);
    const before = helm.calls().length;
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, `${readFileSync(phi2, "utf8")}podAnnotations:\n  rollout: "2"\nmodle: {}\n`);
    const early = llmchart(["check", "--changed", "--format", "json"], dir, env);
    expect(helm.calls().slice(before)).toEqual([expect.stringMatching(/^template llm-phi2 /)]);
    // Another cache folder: no remembered config, so nothing starts early and check renders itself.
    const late = llmchart(["check", "--changed", "--format", "json"], dir, { ...env, LLMCHART_CACHE_DIR: join(dir, ".cache2") });
    expect(helm.calls().slice(before)).toHaveLength(2);
    expect(early.stdout).toBe(late.stdout);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout)).toContainEqual(expect.objectContaining({ ruleId: "schema/unknown-property", file: `${V}/phi2.yaml` }));
  });

  it("hands check the render it started, which check takes by its own cache key instead of running helm again", async () => {
    const dir = committed(layoutCopy());
    const helm = countingHelm();
    const env = { ...process.env, LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    loadProject({ cwd: dir, cacheEnv: env }); // remembers the config
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, `${readFileSync(phi2, "utf8")}podAnnotations:\n  rollout: "2"\n`);
    const early = startEarlyCheck(dir, env);
    const renders = await early.renders;
    expect(renders.size).toBe(1);
    await Promise.all(renders.values());
    expect(helm.calls()).toEqual([expect.stringMatching(/^template llm-phi2 /)]);
    const project = loadProject({ cwd: dir, cacheEnv: env });
    const taken = await checkLayout({ project, changed: true, env, jobs: 2, scan: early.changes, early: early.renders });
    expect(helm.calls()).toHaveLength(1);
    const own = await checkLayout({ project, changed: true, env: { ...env, LLMCHART_CACHE_DIR: join(dir, ".cache2") }, jobs: 2 });
    expect(helm.calls()).toHaveLength(2);
    expect(taken).toEqual(own);
  });

  it("renders the values files given on the command line (the pre-commit framework's list) without asking git", async () => {
    const dir = committed(layoutCopy());
    const helm = countingHelm();
    // No git on PATH: a question to git would fail, so the render below comes from the file list alone.
    const env = { ...process.env, PATH: "/nonexistent", LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    loadProject({ cwd: dir, cacheEnv: env });
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, `${readFileSync(phi2, "utf8")}podAnnotations:\n  rollout: "4"\n`);
    // From a subfolder, as the paths a user types; a file outside the layout is ignored.
    const early = startEarlyCheck(join(dir, V), env, { files: ["phi2.yaml", "../../../../README.md"], jobs: 1 });
    expect(early.changes).toBeUndefined();
    const renders = await early.renders;
    expect(renders.size).toBe(1);
    await Promise.all(renders.values());
    const project = loadProject({ cwd: join(dir, V), cacheEnv: env });
    const taken = await checkLayout({ project, files: ["phi2.yaml"], env, jobs: 1, early: early.renders });
    expect(helm.calls()).toEqual([expect.stringMatching(/^template llm-phi2 /)]);
    expect(taken.filesChecked).toBe(1);
    // A chart file among them means every model: nothing is started early.
    expect((await startEarlyCheck(dir, env, { files: [`${V}/phi2.yaml`, "infra/apps/llm/charts/llama-cpp/values.yaml"] }).renders).size).toBe(0);
  });

  it("starts nothing with --no-cache, for a config given with -c that was never checked, or outside the project's repository", async () => {
    const dir = committed(layoutCopy());
    const helm = countingHelm();
    const env = { ...process.env, LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    loadProject({ cwd: dir, cacheEnv: env });
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, `${readFileSync(phi2, "utf8")}podAnnotations:\n  rollout: "3"\n`);
    expect((await startEarlyCheck(dir, env, { noCache: true }).renders).size).toBe(0);
    // The same config under another path is another cache entry (its problems name that path).
    writeFileSync(join(dir, "other.config.yaml"), readFileSync(join(dir, "llmchart.config.yaml")));
    expect((await startEarlyCheck(dir, env, { configPath: "other.config.yaml" }).renders).size).toBe(0);
    // Asked from a folder outside any repository, git has no answer: check asks again itself.
    const outside = removeLater(mkdtempSync(join(tmpdir(), "llmchart-outside-")));
    expect((await startEarlyCheck(outside, env, { configPath: join(dir, "llmchart.config.yaml") }).renders).size).toBe(0);
    const started = await startEarlyCheck(dir, env, { configPath: "llmchart.config.yaml" }).renders;
    expect(started.size).toBe(1);
    await Promise.all(started.values());
    expect(helm.calls()).toHaveLength(1);
  });

  it("leaves a chart change, and staged content that differs from the work tree, to check itself", () => {
    const dir = committed(layoutCopy());
    const helm = countingHelm();
    const env = { LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    expect(llmchart(["check"], dir, env).code).toBe(0);
    // Staged: replicaCount 2; work tree: 3. The commit holds 2, so that is what must be rendered.
    const phi2 = join(dir, V, "phi2.yaml");
    const text = readFileSync(phi2, "utf8");
    expect(text).toContain("replicaCount: 1");
    writeFileSync(phi2, text.replace("replicaCount: 1", "replicaCount: 2"));
    git(dir, "add", phi2);
    writeFileSync(phi2, text.replace("replicaCount: 1", "replicaCount: 3"));
    const before = helm.calls().length;
    const staged = llmchart(["check", "--staged", "--changed", "--format", "json"], dir, env);
    expect(staged.code).toBe(0);
    // The early start rendered the work tree (3): its key does not fit the staged text, so check
    // rendered the staged file itself.
    expect(helm.calls().length - before).toBe(2);
    // A chart change means every model: check renders them all, nothing is started early.
    const chart = join(dir, "infra/apps/llm/charts/llama-cpp/values.yaml");
    writeFileSync(chart, `${readFileSync(chart, "utf8")}# a comment\n`);
    const all = helm.calls().length;
    llmchart(["check", "--changed", "--format", "json"], dir, env);
    expect(helm.calls().length - all).toBe(readdirSync(join(dir, V)).length);
  });
});
