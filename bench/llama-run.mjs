// Runs a real llama-server on 127.0.0.1 for the memory benchmark: start, wait until healthy,
// one completion whose prompt fills the context, read the peak resident memory (VmHWM), kill.
// Every wait is bounded, and the process is killed on every path (also when this one exits).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";

const live = new Set();
for (const sig of ["exit", "SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    for (const p of live) p.kill("SIGKILL");
    if (sig !== "exit") process.exit(130);
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(base, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`llama-server exited with ${child.exitCode} while loading`);
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error("llama-server did not become healthy in time");
}

/**
 * POSTs JSON and waits for the whole answer, up to `ms` (node:http: fetch gives up on a response
 * whose headers take more than 5 minutes, and a long prompt on a busy machine takes longer).
 */
function post(url, body, ms) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode, text });
      });
      res.on("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${ms / 1000} s`)), ms);
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(JSON.stringify(body));
  });
}

/** VmHWM (peak resident set) and VmRSS of a process, in bytes. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { hwm: kb("VmHWM"), rss: kb("VmRSS") };
}

/** The buffer sizes llama.cpp logs at load (MiB), for the report. */
export function buffersFromLog(log) {
  const mib = (re) => {
    const m = re.exec(log);
    return m ? Number(m[1]) : undefined;
  };
  return {
    kv: mib(/KV self size\s*=\s*([\d.]+) MiB/),
    compute: mib(/CPU compute buffer size\s*=\s*([\d.]+) MiB/),
    output: mib(/CPU\s+output buffer size\s*=\s*([\d.]+) MiB/),
    model: mib(/CPU_Mapped model buffer size\s*=\s*([\d.]+) MiB/) ?? mib(/CPU model buffer size\s*=\s*([\d.]+) MiB/),
  };
}

/**
 * One measurement: `llama-server -m <file> -c <ctx> <extra>` on 127.0.0.1, a completion whose
 * prompt is `promptTokens` random token ids (ids from `firstToken` below `vocab`), then the
 * process's VmHWM. Bounded by `loadSeconds` and `runSeconds`; the server is always killed.
 */
export async function measure({ server, model, ctx, extra = [], threads, vocab, firstToken, promptTokens, loadSeconds = 300, runSeconds = 7200 }) {
  const port = await freePort();
  const args = ["-m", model, "-c", String(ctx), "-t", String(threads), "--host", "127.0.0.1", "--port", String(port), ...extra];
  const child = spawn(server, args, { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, child, Date.now() + loadSeconds * 1000);
    const afterLoad = memoryOf(child.pid);
    const prompt = Array.from({ length: promptTokens }, (_, i) => firstToken + ((i * 7919) % (vocab - firstToken)));
    const res = await post(`${base}/completion`, { prompt, n_predict: 8, cache_prompt: false, temperature: 0 }, runSeconds * 1000);
    const body = JSON.parse(res.text);
    if (res.status !== 200) throw new Error(`completion answered ${res.status}: ${res.text.slice(0, 200)}`);
    const peak = memoryOf(child.pid);
    return { args, afterLoad, peak, promptTokens: body.tokens_evaluated ?? body.timings?.prompt_n, buffers: buffersFromLog(log), log };
  } catch (err) {
    err.message += `\n--- llama-server log (last lines) ---\n${log.split("\n").slice(-15).join("\n")}`;
    throw err;
  } finally {
    child.kill("SIGKILL");
    live.delete(child);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));
  }
}
