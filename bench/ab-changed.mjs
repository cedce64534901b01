#!/usr/bin/env node
// A/B of `llmchart check --changed` (one values file edited before every run, so its model is
// linted and rendered by Helm each time) between builds of the CLI, runs interleaved so that a
// busy machine slows every variant alike. Reports wall time and CPU time (user + sys, helm
// included, from /usr/bin/time) per variant. Used to decide on the V8 code cache (issue 11).
//
//   node bench/ab-changed.mjs [--models 10] [--runs 21] label=path/to/bin/llmchart.js[:no-v8cache] ...
//
// `:no-v8cache` runs that bin with the *.v8cache files beside its bundle moved away for the run
// (builds before the code cache was removed had them in packages/cli/dist/bundle).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { commitAll, editModel, helmPath, makeLayout } from "./layout.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { models: { type: "string", default: "10" }, runs: { type: "string", default: "21" } } });
const helm = helmPath(repoRoot);
const variants = positionals.map((p) => {
  const [label, spec] = p.split(/=(.*)/s);
  const [bin, flag] = spec.split(":");
  const bundleDir = join(dirname(resolve(bin)), "..", "dist", "bundle");
  const caches = flag === "no-v8cache" ? readdirSync(bundleDir).filter((f) => f.endsWith(".v8cache")).map((f) => join(bundleDir, f)) : [];
  return { label, bin: resolve(bin), caches };
});
if (variants.length < 2) {
  console.error("usage: node bench/ab-changed.mjs [--models n] [--runs n] label=bin.js[:no-v8cache] label=bin.js ...");
  process.exit(2);
}
const envFor = (v) => ({ ...process.env, NO_COLOR: "1", LLMCHART_HELM: helm, LLMCHART_CACHE_DIR: join(v.dir, ".cache") });
const hide = (caches, hidden) => caches.forEach((c) => (hidden ? existsSync(c) && renameSync(c, `${c}.off`) : existsSync(`${c}.off`) && renameSync(`${c}.off`, c)));
// Each variant gets its own layout, rendered and committed by that build: builds that generate
// different chart files would otherwise see the first variant's chart as drift, and do more.
for (const v of variants) {
  const { dir, valuesFiles } = makeLayout(repoRoot, Number(opts.models));
  Object.assign(v, { dir, file: valuesFiles[0] });
  spawnSync(process.execPath, [v.bin, "render"], { cwd: dir, env: envFor(v) });
  commitAll(dir);
}
const wall = new Map(), cpu = new Map();
let edits = 0;
try {
  for (let round = 0; round <= Number(opts.runs); round++) {
    const order = variants.slice(round % variants.length).concat(variants.slice(0, round % variants.length));
    for (const v of order) {
      hide(v.caches, true);
      editModel(v.file, `ab-${++edits}`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync("/usr/bin/time", ["-f", "%U %S", process.execPath, v.bin, "check", "--changed"], { cwd: v.dir, env: envFor(v), stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      hide(v.caches, false);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${v.label}: exit ${r.status}: ${r.stderr}`);
      if (round === 0) continue; // warm-up round
      const [u, s] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
      wall.set(v.label, [...(wall.get(v.label) ?? []), ms]);
      cpu.set(v.label, [...(cpu.get(v.label) ?? []), (u + s) * 1000]);
    }
  }
} finally {
  for (const v of variants) hide(v.caches, false);
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`check --changed, 1 of ${opts.models} models edited per run, ${opts.runs} runs per variant, interleaved`);
for (const v of variants) {
  const w = wall.get(v.label), c = cpu.get(v.label);
  console.log(`  ${v.label.padEnd(14)} wall median ${median(w).toFixed(0)} ms (${Math.min(...w).toFixed(0)}–${Math.max(...w).toFixed(0)})  CPU median ${median(c).toFixed(0)} ms`);
}
const [a, b] = variants;
const saving = (m) => (100 * (1 - median(m.get(a.label)) / median(m.get(b.label)))).toFixed(1);
console.log(`  ${a.label} saves ${saving(wall)} % wall, ${saving(cpu)} % CPU against ${b.label}`);
