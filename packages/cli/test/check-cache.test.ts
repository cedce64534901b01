import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const CHART = "infra/apps/llm/charts/llama-cpp";
const APPS = "infra/apps/llm/argocd";
const bin = join(import.meta.dirname, "..", "bin", "llmchart.js");

type P = { ruleId: string; severity: string; file: string; line: number; column: number; message: string };
const json = (s: string) => JSON.parse(s) as P[];

/** A helm wrapper that counts its invocations, to show what the cache spares. */
function countingHelm(dir: string): { path: string; count: () => number } {
  const log = join(dir, "helm-calls.log");
  const path = join(dir, "helm-counting.sh");
  writeFileSync(path, `#!/bin/sh\necho x >> "${log}"\nexec "${helmBin}" "$@"\n`);
  chmodSync(path, 0o755);
  return { path, count: () => (existsSync(log) ? (readFileSync(log, "utf8").match(/x/g) ?? []).length : 0) };
}

function edit(dir: string, rel: string, change: (text: string) => string): void {
  writeFileSync(join(dir, rel), change(readFileSync(join(dir, rel), "utf8")));
}

describe("llmchart check with a warm cache", () => {
  it("reports exactly what an uncached run reports, without running helm again", async () => {
    const dir = layoutCopy();
    const helm = countingHelm(dir);
    const env = { LLMCHART_HELM: helm.path, LLMCHART_CACHE_DIR: join(dir, "cache") };
    const cold = await runCli(["check", "--format", "json"], dir, env);
    const calls = helm.count();
    const warm = await runCli(["check", "--format", "json"], dir, env);
    const uncached = await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin });
    expect(warm).toEqual(cold);
    expect(uncached).toEqual(cold);
    expect(helm.count()).toBe(calls);
  });

  it("lints a values file again once it changed, at the right place", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    edit(dir, `${V}/phi2.yaml`, (t) => t.replace("replicaCount: 1", "replicaCount: 1\nmodle: {}"));
    const r = await runCli(["check", "--format", "json"], dir, env);
    expect(r.code).toBe(1);
    expect(json(r.stdout).filter((p) => p.severity === "error")).toEqual([
      expect.objectContaining({ ruleId: "schema/unknown-property", file: `${V}/phi2.yaml`, line: 4, column: 1 }),
    ]);
  });

  it("judges cached values files again when the rule settings change", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    const before = json((await runCli(["check", "--format", "json"], dir, env)).stdout);
    expect(before.some((p) => p.ruleId === "model-sha256")).toBe(true);
    edit(dir, "llmchart.config.yaml", (t) => t.replace(/^rules:.*$/m, "rules:\n  model-sha256: \"off\""));
    const after = json((await runCli(["check", "--format", "json"], dir, env)).stdout);
    expect(after.some((p) => p.ruleId === "model-sha256")).toBe(false);
  });

  it("judges cached values files against the chart defaults on disk", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    await runCli(["check"], dir, env);
    edit(dir, `${CHART}/values.yaml`, (t) => t.replace(/^( {2}tag: )"?server-b\d+"?$/m, "$1latest"));
    const after = json((await runCli(["check", "--format", "json"], dir, env)).stdout);
    const uncached = json((await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin })).stdout);
    expect(after.some((p) => p.ruleId === "image-tag-floating" && p.file === `${V}/phi2.yaml`)).toBe(true);
    expect(after).toEqual(uncached);
  });

  it("still reports every kind of drift of the generated files", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    edit(dir, `${APPS}/llm-phi2.yaml`, (t) => t.replace("selfHeal: true", "selfHeal: false"));
    rmSync(join(dir, CHART, "templates", "NOTES.txt"));
    writeFileSync(join(dir, APPS, "mine.yaml"), "kind: Application\n");
    const r = await runCli(["check", "--format", "json"], dir, env);
    const drift = json(r.stdout).filter((p) => p.ruleId.startsWith("render/"));
    expect(drift.map((p) => [p.ruleId, p.file]).sort()).toEqual([
      ["render/changed", `${APPS}/llm-phi2.yaml`],
      ["render/hand-written", `${APPS}/mine.yaml`],
      ["render/missing", `${CHART}/templates/NOTES.txt`],
    ]);
    expect(r.stdout).toBe((await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin })).stdout);
  });

  it("validates again only the rendered documents an edit changed, with the problems an uncached run finds", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    // The remembered documents of phi2's render: kind → the hash of its text.
    type Entry = { documents?: Record<string, { id: string | null }> };
    const read = (f: string): Entry => JSON.parse(readFileSync(join(dir, "cache", "entries", f), "utf8")) as Entry;
    const remembered = (): Record<string, string> => {
      const entries = readdirSync(join(dir, "cache", "entries"))
        .filter((f) => f.endsWith(".json"))
        .map(read)
        .filter((e) => Object.values(e.documents ?? {}).some((d) => d.id === "apps/Deployment//llm-phi2-llama-cpp"));
      expect(entries).toHaveLength(1);
      return Object.fromEntries(Object.entries(entries[0]?.documents ?? {}).map(([hash, d]) => [d.id?.split("/")[1] ?? "", hash]));
    };
    const before = remembered();
    expect(Object.keys(before).sort()).toEqual(["Deployment", "Pod", "Service", "ServiceAccount"]);
    // A pod annotation changes the Deployment alone.
    edit(dir, `${V}/phi2.yaml`, (t) => `${t}podAnnotations:\n  rollout: "2"\n`);
    const r = await runCli(["check", "--format", "json"], dir, env);
    expect(r).toEqual(await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin }));
    const after = remembered();
    expect(Object.keys(after).filter((kind) => after[kind] !== before[kind])).toEqual(["Deployment"]);
  });

  it("remembers the checked config, and judges an edited config again", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    // Config warnings: both come from the config module's one check (the Kubernetes version and
    // the placeholder repoURL), which is remembered with the config's text.
    edit(dir, "llmchart.config.yaml", (t) => t.replace(/^( {2}version: )"1\.34"$/m, '$1"1.33"').replace(/^( {2}repoURL: ).*$/m, "$1https://example.com/org/repo.git"));
    const first = await runCli(["check", "--format", "json"], dir, env);
    expect(json(first.stdout).filter((p) => p.file === "llmchart.config.yaml").map((p) => p.ruleId).sort()).toEqual(["config/kubernetes-version", "config/placeholder-repo-url"]);
    const entries = readdirSync(join(dir, "cache", "entries")).filter((f) => f.endsWith(".json"));
    const remembered = entries.filter((f) => "config" in (JSON.parse(readFileSync(join(dir, "cache", "entries", f), "utf8")) as object));
    expect(remembered).toHaveLength(1);
    // The second run takes the config from the cache, problems and positions included …
    expect(await runCli(["check", "--format", "json"], dir, env)).toEqual(first);
    expect((await runCli(["check", "--format", "json", "--no-cache"], dir, env)).stdout).toBe(first.stdout);
    // … which is what it reports: a doctored entry shows through.
    const entry = join(dir, "cache", "entries", remembered[0]!);
    const data = JSON.parse(readFileSync(entry, "utf8")) as { problems: P[] };
    data.problems = data.problems.map((p) => ({ ...p, message: "remembered" }));
    writeFileSync(entry, JSON.stringify(data));
    const doctored = json((await runCli(["check", "--format", "json"], dir, env)).stdout);
    expect(doctored.find((p) => p.ruleId === "config/kubernetes-version")?.message).toBe("remembered");
    // An edited config is a new key: checked again, a broken one refused with every problem.
    edit(dir, "llmchart.config.yaml", (t) => t.replace(/^rules:.*$/m, "rules:\n  no-such-rule: error\n  model-sha25: warning"));
    const broken = await runCli(["check"], dir, env);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/rules\.no-such-rule: unknown rule/);
    expect(broken.stderr).toMatch(/did you mean "model-sha256"/);
  });

  it("does not remember the config with --no-cache", async () => {
    const dir = layoutCopy();
    expect((await runCli(["check", "--no-cache"], dir, { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") })).code).toBe(0);
    expect(existsSync(join(dir, "cache"))).toBe(false);
  });

  it("is pruned by a check about once a day: an entry unused for a month goes, the others stay", async () => {
    const dir = layoutCopy();
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    const entries = join(dir, "cache", "entries");
    const before = readdirSync(entries).sort();
    // A stale entry (another build's key), unused for 40 days, and no prune yet.
    const stale = join(entries, `${"ab".repeat(32)}.json`);
    writeFileSync(stale, "{}");
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(stale, old, old);
    rmSync(join(dir, "cache", "last-prune"), { force: true });
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(entries).sort()).toEqual(before);
    // Pruned today: the next run leaves even a stale entry for tomorrow.
    writeFileSync(stale, "{}");
    utimesSync(stale, old, old);
    expect((await runCli(["check"], dir, env)).code).toBe(0);
    expect(existsSync(stale)).toBe(true);
  });

  it("keeps its folder out of git's untracked files", async () => {
    const dir = layoutCopy();
    await runCli(["check"], dir, { LLMCHART_HELM: helmBin });
    expect(readFileSync(join(dir, ".llmchart-cache", ".gitignore"), "utf8")).toMatch(/^\*$/m);
  });
});

describe("the bundled bin", () => {
  it("checks the layout as the sources do (bundled kinds included)", async () => {
    const dir = layoutCopy();
    edit(dir, `${V}/phi2.yaml`, (t) => `${t}service:\n  type: LoadBalancer\n`);
    const env = { ...process.env, NO_COLOR: "1", LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, "cache") };
    const real = spawnSync(process.execPath, [bin, "check", "--format", "json"], { cwd: dir, env, encoding: "utf8" });
    const sources = await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin });
    expect(real.stderr).toBe("");
    expect(real.stdout).toBe(sources.stdout);
    expect(real.status).toBe(sources.code);
  });
});
