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
//   LLAMA_SERVER=/path/to/llama-server node bench/memory.mjs
//   node bench/memory.mjs --cases tinyllama-1.1b@2048,tinyllama-1.1b@8192 --threads 2
//
// LLAMA_SERVER: a llama-server binary built from source (about 15 minutes on 2 cores). The target:
// every estimate within 10 % (or 128 MiB, whichever is larger) of the measured peak, never below
// it by more than that. Needs about 5 GB of disk for the files (--dir, deleted unless --keep) and,
// on a busy 2-core machine, hours: each case processes a full context on the CPU.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
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
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log(`Usage: LLAMA_SERVER=<llama-server> node bench/memory.mjs [--cases model@ctx[:flags],…] [--threads 1] [--dir d] [--keep] [--out file]
Cases (default): ${DEFAULT_CASES.join(" ")}
Models: ${Object.keys(MODELS).join(", ")}`);
  process.exit(0);
}

const server = process.env.LLAMA_SERVER;
if (!server || !existsSync(server)) {
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
const core = await import(join(repoRoot, "packages/core/dist/index.js"));
const gguf = await import(join(repoRoot, "packages/gguf/dist/index.js"));

/** The build (`version: 4747 (c5d91a740)`) and the defaults that size memory, from the binary's own --help. */
function serverFacts(bin) {
  const version = execFileSync(bin, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
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

async function main() {
  const cases = opts.cases.split(",").map(parseCase);
  const facts = serverFacts(server);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "llmchart-memory-"));
  mkdirSync(dir, { recursive: true });
  const rows = [];
  const lines = [];
  const say = (l) => {
    lines.push(l);
    console.log(l);
  };
  say(`llama-server ${facts.version}; defaults from its --help: ${JSON.stringify(facts.defaults)}`);
  say(`threads ${opts.threads}; each prompt fills the context less 128 tokens; peak = VmHWM of the server process`);
  try {
    for (const c of cases) {
      const path = fileFor(dir, c.id);
      const entry = await pinned(c.id, path);
      const values = { model: { repoId: entry.repoId, filename: entry.filename }, extraArgs: ["-c", String(c.ctx), ...c.flags] };
      const est = policy.effectiveModel(values, { modelLock: { file: "bench", entries: [entry] }, serverDefaults: facts.defaults }).estimate;
      const r = await measure({
        server,
        model: path,
        ctx: c.ctx,
        extra: c.flags,
        threads: Number(opts.threads),
        vocab: MODELS[c.id].vocab,
        firstToken: 259,
        promptTokens: c.ctx - 128,
      });
      const peak = r.peak.hwm;
      const diff = est.memoryBytes - peak;
      const tolerance = Math.max(0.1 * peak, 128 * MiB);
      const ok = Math.abs(diff) <= tolerance;
      rows.push({ c, est, r, peak, diff, ok });
      say(
        `${`${c.id}${c.flags.length ? ` ${c.flags.join(" ")}` : ""}`.padEnd(24)} -c ${String(c.ctx).padEnd(5)} prompt ${String(r.promptTokens).padEnd(5)} ` +
          `estimate ${mib(est.memoryBytes).padStart(5)} MiB (W ${mib(est.weightsBytes)} + KV ${mib(est.kvCacheBytes ?? 0)} + C ${mib(est.computeBytes)} + P ${mib(est.promptCacheBytes ?? 0)} + ε ${mib(est.headroomBytes)}) ` +
          `| logged KV ${r.buffers.kv ?? "?"} compute ${r.buffers.compute ?? "?"} | peak ${mib(peak).padStart(5)} MiB (after load ${mib(r.afterLoad.hwm)}) ` +
          `| ${diff >= 0 ? "+" : ""}${((diff / peak) * 100).toFixed(1)} % ${ok ? "within" : "OUTSIDE"} ±${mib(tolerance)} MiB`,
      );
    }
  } finally {
    if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
  }
  const outside = rows.filter((x) => !x.ok).length;
  say(`${rows.length - outside} of ${rows.length} cases within the target (10 % or 128 MiB of the measured peak)`);
  const out = opts.out ?? join(repoRoot, "bench", "results", `memory-b${facts.build}.txt`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`written to ${out}`);
}

main().catch((err) => {
  console.error(`bench/memory: ${err.message}`);
  process.exit(1);
});
