#!/usr/bin/env node
// Time-to-diagnostics of the llmchart language server, measured by a scripted LSP client over
// stdio (the client of packages/lsp's tests): the server is started once, a typical values file
// (the bundled mistral7b.yaml, with the repository's config and generated chart values, in a
// temporary copy) is opened, then edited back and forth between a clean and a broken `-t`. Each
// figure is the wall time from sending the notification to receiving the diagnostics for that
// document version — what a user waits for, the server's debounce (100 ms) included. Hover and
// completion requests on the warm server are timed too. The target (issue 15) is < 300 ms for a
// change. A benchmark measures; it asserts nothing.
//
//   node bench/lsp.mjs [--runs 30] [--json out.json]
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const lspDir = join(repoRoot, "packages/lsp");
const rpc = createRequire(join(lspDir, "package.json"))("vscode-languageserver-protocol/node");

const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
const { values: opts } = parseArgs({ args: argv, options: { runs: { type: "string", default: "30" }, json: { type: "string" } } });
const runs = Math.max(1, Number(opts.runs) || 30);

const root = mkdtempSync(join(tmpdir(), "llmchart-bench-lsp-"));
const rel = "infra/apps/llm/values/mistral7b.yaml";
for (const f of ["llmchart.config.yaml", rel, "infra/apps/llm/charts/llama-cpp/values.yaml"]) {
  mkdirSync(dirname(join(root, f)), { recursive: true });
  copyFileSync(join(repoRoot, f), join(root, f));
}
const clean = readFileSync(join(root, rel), "utf8");
const m = /(- "?-t"?\s*\n\s*- "?)(\d+)/.exec(clean);
if (!m) throw new Error(`${rel}: no -t to edit`);
const broken = clean.slice(0, m.index) + m[1] + String(Number(m[2]) * 2) + clean.slice(m.index + m[0].length);
const uri = pathToFileURL(join(root, rel)).href;

// The server as editors start it: `llmchart lsp --stdio` from the built CLI bundle.
const child = spawn(process.execPath, [join(repoRoot, "packages/cli/bin/llmchart.js"), "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const waiting = new Map();
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (d) => {
  const w = waiting.get(d.version);
  if (w) {
    waiting.delete(d.version);
    w(d);
  }
});
conn.listen();
const diagnosticsFor = (version) => new Promise((resolve) => waiting.set(version, resolve));

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { runs: s.length, median: q(0.5), p90: q(0.9), min: s[0], max: s[s.length - 1] };
}

const t0 = process.hrtime.bigint();
await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, workspaceFolders: null });
await conn.sendNotification(rpc.InitializedNotification.type, {});
const initialize = ms(t0);

let version = 1;
let t = process.hrtime.bigint();
let pending = diagnosticsFor(version);
await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "yaml", version, text: clean } });
const opened = await pending;
const open = ms(t);

const change = [];
let counts = new Set();
for (let i = 0; i < runs; i++) {
  version++;
  pending = diagnosticsFor(version);
  t = process.hrtime.bigint();
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: i % 2 === 0 ? broken : clean }] });
  const d = await pending;
  change.push(ms(t));
  counts.add(d.diagnostics.length);
}

const lines = clean.split("\n");
const tLine = lines.findIndex((l) => /- "?-t"?\s*$/.test(l));
const hover = [];
const completion = [];
for (let i = 0; i < runs; i++) {
  t = process.hrtime.bigint();
  await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: tLine, character: lines[tLine].indexOf("-t") + 1 } });
  hover.push(ms(t));
  t = process.hrtime.bigint();
  await conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: tLine, character: lines[tLine].indexOf("-t") + 1 } });
  completion.push(ms(t));
}

await conn.sendRequest(rpc.ShutdownRequest.type);
await conn.sendNotification(rpc.ExitNotification.type);
const exitCode = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", resolve)));
conn.dispose();
rmSync(root, { recursive: true, force: true });

const rows = [
  ["initialize (process start → result)", { runs: 1, median: initialize, p90: initialize, min: initialize, max: initialize }],
  ["didOpen → diagnostics (cold)", { runs: 1, median: open, p90: open, min: open, max: open }],
  ["didChange → diagnostics (warm, debounce incl.)", stats(change)],
  ["hover (warm)", stats(hover)],
  ["completion (warm)", stats(completion)],
];
const f = (n) => `${n.toFixed(1)} ms`;
console.log(`llmchart lsp — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`file: ${rel} (${clean.length} bytes, ${opened.diagnostics.length} diagnostics when clean; edits alternate ${[...counts].sort().join("/")} diagnostics)`);
console.log(`  ${"measurement".padEnd(48)} ${"median".padStart(9)} ${"p90".padStart(9)}  ${"min–max".padEnd(19)} runs`);
for (const [label, s] of rows) console.log(`  ${label.padEnd(48)} ${f(s.median).padStart(9)} ${f(s.p90).padStart(9)}  ${`${s.min.toFixed(1)}–${s.max.toFixed(1)}`.padEnd(19)} ${s.runs}`);
const met = stats(change).p90 < 300;
console.log(`  target: change → diagnostics < 300 ms (p90 ${f(stats(change).p90)}: ${met ? "met" : "NOT met"}); server exit code ${exitCode}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify(Object.fromEntries(rows.map(([l, s]) => [l, s])), null, 2) + "\n");
