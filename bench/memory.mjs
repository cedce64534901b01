#!/usr/bin/env node
// The memory estimate against a real llama-server. For each case it writes a GGUF file with the
// shapes of a real model and random weights (bench/gguf-writer.mjs), pins it the way
// `llmchart models pin --offline --file` does (its header read by @llmchart/gguf, its facts by
// @llmchart/core), computes the estimate of a values file that runs it (@llmchart/policy, with
// the defaults this llama-server build states in its --help), then starts the server on
// 127.0.0.1, sends one completion whose prompt fills the context, and reads the process's peak
// resident memory (VmHWM). It prints estimate vs measured per case, with the server's build, and
// writes the table to --out. A benchmark measures; it asserts nothing, and its exit code says only
// whether it could run.
//
// Each measurement is kept in --measurements (with the server's build, its defaults and the pinned
// facts of the file) as soon as it is taken: a run that is stopped resumes where it was, and
// `--replay` prints the table again from the kept measurements with the current estimate — no
// server, no files — for checking a change of the estimate against real peaks.
//
//   LLAMA_SERVER=/path/to/llama-server node bench/memory.mjs
//   node bench/memory.mjs --cases tinyllama-1.1b@2048,tinyllama-1.1b@8192 --threads 2
//   node bench/memory.mjs --replay            # the committed measurements, today's estimate
//
// LLAMA_SERVER: a llama-server binary built from source (about 15 minutes on 2 cores). The target:
// every estimate within 10 % (or 128 MiB, whichever is larger) of the measured peak, never below
// it by more than that. Needs about 5 GB of disk for the files (--dir, deleted unless --keep) and,
// on a busy 2-core machine, hours: each case processes a full context on the CPU.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeGguf } from "./gguf-writer.mjs";
import { measure } from "./llama-run.mjs";
import { MODELS, metadataOf, tensorsOf } from "./memory-models.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const MiB = 2 ** 20;

const DEFAULT_CASES = [
  "tinyllama-1.1b@2048",
  "tinyllama-1.1b@8192",
  "qwen1.5-0.5b@2048",
  "qwen1.5-0.5b@8192",
  "gemma-2-2b@2048",
  "gemma-2-2b@8192",
  "tinyllama-1.1b@8192:-fa",
];

const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
const { values: opts } = parseArgs({
  args: argv,
  options: {
    cases: { type: "string", default: DEFAULT_CASES.join(",") },
    threads: { type: "string", default: "1" },
    dir: { type: "string" },
    keep: { type: "boolean", default: false },
    out: { type: "string" },
    measurements: { type: "string", default: join(repoRoot, "bench", "results", "memory-measurements.json") },
    replay: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log(`Usage: LLAMA_SERVER=<llama-server> node bench/memory.mjs [--cases model@ctx[:flags],…] [--threads 1] [--dir d] [--keep] [--out file] [--measurements file] [--replay]
Cases (default): ${DEFAULT_CASES.join(" ")}
Models: ${Object.keys(MODELS).join(", ")}`);
  process.exit(0);
}

const server = process.env.LLAMA_SERVER;
if (!opts.replay && (!server || !existsSync(server))) {
  console.error("bench/memory: set LLAMA_SERVER to a llama-server binary built from source (about 15 minutes on 2 cores)");
  process.exit(2);
}
for (const pkg of ["policy", "core", "gguf"]) {
  if (!existsSync(join(repoRoot, "packages", pkg, "dist", "index.js"))) {
    console.error(`bench/memory: packages/${pkg} is not built; run \`npx -y pnpm@10.34.9 install\` (it builds) first`);
    process.exit(2);
  }
}
const policy = await import(join(repoRoot, "packages/policy/dist/index.js"));
const core = await import(join(repoRoot, "packages/core/dist/models/facts.js"));
const gguf = await import(join(repoRoot, "packages/gguf/dist/index.js"));

/** The build (`version: 4747 (c5d91a740)`) and the defaults that size memory, from the binary's own --help. */
function serverFacts(bin) {
  // Older builds print --version on stderr.
  const ran = spawnSync(bin, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const version = `${ran.stdout ?? ""}${ran.stderr ?? ""}`.trim();
  const err = (() => {
    try {
      return execFileSync(bin, ["--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      return `${e.stdout ?? ""}${e.stderr ?? ""}`;
    }
  })();
  const int = (re, fallback) => Number(re.exec(err)?.[1] ?? fallback);
  const parallel = int(/--parallel N\s.*?default: (-?\d+)/, 1);
  const cacheRam = /--cache-ram N\s.*?default: (-?\d+)/.exec(err)?.[1];
  const defaults = {
    ctxSize: int(/--ctx-size N\s.*?default: (\d+)/, 4096),
    parallel,
    kvUnifiedWhenAuto: parallel < 0,
    cacheRamMiB: cacheRam === undefined ? undefined : Number(cacheRam),
    // A switch (`-fa, --flash-attn`) in old builds; `-fa, --flash-attn [on|off|auto]` later.
    flashAttnTakesValue: /--flash-attn\s+(\[|FA|on\|)/.test(err),
    // --swa-full came with the sliding-window cache: before it, windowed layers get the whole context.
    swaWindowed: /--swa-full/.test(err),
  };
  const build = /version: (\d+)/.exec(version)?.[1] ?? "unknown";
  return { version: version.split("\n").find((l) => l.startsWith("version")) ?? version, build, defaults };
}

/** `tinyllama-1.1b@8192:-fa` → { id, ctx, flags }. */
function parseCase(text) {
  const m = /^([^@]+)@(\d+)(?::(.*))?$/.exec(text.trim());
  if (!m || !MODELS[m[1]]) throw new Error(`unknown case "${text}" (model@ctx[:flags], models: ${Object.keys(MODELS).join(", ")})`);
  return { id: m[1], ctx: Number(m[2]), flags: m[3] ? m[3].split(/\s+/).filter(Boolean) : [] };
}

/** The file for a model shape, written once per run (or reused from --dir). */
function fileFor(dir, id) {
  const path = join(dir, `${id}.Q8_0.gguf`);
  if (!existsSync(path)) writeGguf(path, metadataOf(id, MODELS[id]), tensorsOf(MODELS[id]));
  return path;
}

/** The lock entry `models pin --offline --file` would write for the file (without hashing gigabytes). */
async function pinned(id, path) {
  const header = await gguf.readGgufHeader({ file: path });
  return { repoId: `bench/${id}`, filename: `${id}.Q8_0.gguf`, sizeBytes: statSync(path).size, source: `file:${id}.Q8_0.gguf`, readAt: new Date().toISOString(), facts: core.factsFromHeader(header) };
}

const mib = (b) => `${Math.round(b / MiB)}`;

/** Kept measurements: `{ "<build>": { server: {version, defaults}, cases: { "<case>": {…} } } }`. */
function loadMeasurements(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
}

function saveMeasurements(path, all) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(all, null, 2)}\n`);
}

const caseKey = (c) => `${c.id}@${c.ctx}${c.flags.length ? `:${c.flags.join(" ")}` : ""}`;

/** Runs the server for a case not measured yet, and keeps what it measured. */
async function measureCase(c, dir, facts, store) {
  const path = fileFor(dir, c.id);
  const entry = await pinned(c.id, path);
  const r = await measure({ server, model: path, ctx: c.ctx, extra: c.flags, threads: Number(opts.threads), vocab: MODELS[c.id].vocab, firstToken: 259, promptTokens: c.ctx - 128 });
  store.cases[caseKey(c)] = {
    entry,
    args: r.args.filter((a, i, all) => !["--port", "-m"].includes(a) && !["--port", "-m"].includes(all[i - 1])),
    threads: Number(opts.threads),
    promptTokens: r.promptTokens,
    afterLoadHwm: r.afterLoad.hwm,
    peakHwm: r.peak.hwm,
    logged: r.buffers,
    measuredAt: new Date().toISOString(),
  };
}

/** One line of the table: the estimate for the case's values file against its measured peak. */
function row(c, m, defaults) {
  const values = { model: { repoId: m.entry.repoId, filename: m.entry.filename }, extraArgs: ["-c", String(c.ctx), ...c.flags] };
  const est = policy.effectiveModel(values, { modelLock: { file: "bench", entries: [m.entry] }, serverDefaults: defaults }).estimate;
  const peak = m.peakHwm;
  const diff = est.memoryBytes - peak;
  const tolerance = Math.max(0.1 * peak, 128 * MiB);
  const ok = Math.abs(diff) <= tolerance;
  const line =
    `${caseKey(c).padEnd(26)} prompt ${String(m.promptTokens).padEnd(5)} ` +
    `estimate ${mib(est.memoryBytes).padStart(5)} MiB = W ${mib(est.weightsBytes)} + KV ${mib(est.kvCacheBytes ?? 0)} + C ${mib(est.computeBytes)} + P ${mib(est.promptCacheBytes ?? 0)} + ε ${mib(est.headroomBytes)} ` +
    `| logged KV ${m.logged.kv ?? "?"}, compute ${m.logged.compute ?? "?"} | peak ${mib(peak).padStart(5)} MiB (after load ${mib(m.afterLoadHwm)}) ` +
    `| ${diff >= 0 ? "+" : ""}${((diff / peak) * 100).toFixed(1)} % ${ok ? "within" : "OUTSIDE"} ±${mib(tolerance)}`;
  return { ok, line };
}

async function main() {
  const cases = opts.cases.split(",").map(parseCase);
  const all = loadMeasurements(opts.measurements);
  let build;
  if (opts.replay) {
    build = Object.keys(all).sort().at(-1);
    if (!build) throw new Error(`no measurements in ${opts.measurements}`);
  } else {
    const facts = serverFacts(server);
    build = facts.build;
    all[build] ??= { server: { version: facts.version, defaults: facts.defaults }, cases: {} };
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "llmchart-memory-"));
    mkdirSync(dir, { recursive: true });
    try {
      for (const c of cases) {
        if (all[build].cases[caseKey(c)]) continue;
        console.log(`measuring ${caseKey(c)} …`);
        await measureCase(c, dir, facts, all[build]);
        saveMeasurements(opts.measurements, all);
      }
    } finally {
      if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  const store = all[build];
  const lines = [
    `llama-server ${store.server.version}; the defaults its --help states: ${JSON.stringify(store.server.defaults)}`,
    "Each case: a GGUF file with the model's shapes and random Q8_0 weights, `llama-server -m <file> -c <ctx> [flags] -t <threads> --host 127.0.0.1`,",
    "one completion whose prompt fills the context less 128 tokens; peak = VmHWM of the server process; estimate = the values file's (-c <ctx> [flags]),",
    "the model pinned from the file's header, with this build's defaults. Target: within 10 % or 128 MiB of the peak, whichever is larger.",
    "",
  ];
  const rows = cases.flatMap((c) => (store.cases[caseKey(c)] ? [row(c, store.cases[caseKey(c)], store.server.defaults)] : []));
  lines.push(...rows.map((r) => r.line), "", `${rows.filter((r) => r.ok).length} of ${rows.length} cases within the target`);
  console.log(lines.join("\n"));
  const out = opts.out ?? join(repoRoot, "bench", "results", `memory-b${build}.txt`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`written to ${out}`);
}

main().catch((err) => {
  console.error(`bench/memory: ${err.message}`);
  process.exit(1);
});
