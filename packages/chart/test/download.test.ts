// The download-model initContainer, run for real: the exact command and environment helm
// renders, executed under busybox sh (as in the curl image) against a local HTTP server.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { find, template, tempDir, writeChart } from "./support.js";

/** busybox when installed (npm test installs it: scripts/test-clients.mjs), else the system sh, and a failing test. */
function busybox(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "busybox");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
const BUSYBOX = busybox();
const SHELL = BUSYBOX ? [BUSYBOX, "sh"] : ["/bin/sh"];

const BODY = Buffer.from(Array.from({ length: 256 * 1024 }, (_, i) => (i * 7919) % 251));
const SHA = createHash("sha256").update(BODY).digest("hex");
const TOKEN = "hf_TopSecretToken123";

interface Request {
  url: string;
  headers: IncomingHttpHeaders;
}

interface Reply {
  status: number;
  headers?: Record<string, string | number>;
  body?: Buffer;
}

type Route = (req: Request, attempt: number) => Reply;

/** Serves BODY with byte ranges, as Hugging Face's CDN does. */
const file: Route = (req): Reply => {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  if (!m) return { status: 200, headers: { "content-length": BODY.length, "accept-ranges": "bytes" }, body: BODY };
  const start = Number(m[1]);
  if (start >= BODY.length) return { status: 416, headers: { "content-range": `bytes */${BODY.length}` } };
  return { status: 206, headers: { "content-range": `bytes ${start}-${BODY.length - 1}/${BODY.length}`, "content-length": BODY.length - start }, body: BODY.subarray(start) };
};

const routes: Record<string, Route> = {
  "/model.gguf": file,
  "/missing.gguf": () => ({ status: 404, body: Buffer.from("Entry not found") }),
  "/private.gguf": (req) => (req.headers.authorization === `Bearer ${TOKEN}` ? file(req, 0) : { status: 401, body: Buffer.from("Invalid credentials") }),
  "/flaky.gguf": (req, attempt) => (attempt <= 2 ? { status: 503, body: Buffer.from("busy") } : file(req, attempt)),
  "/no-ranges.gguf": () => ({ status: 200, headers: { "content-length": BODY.length }, body: BODY }),
};

let server: Server;
let base: string;
let chart: string;
const requests: Request[] = [];
const attempts = new Map<string, number>();

beforeAll(async () => {
  chart = writeChart();
  server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const n = (attempts.get(path) ?? 0) + 1;
    attempts.set(path, n);
    const seen = { url: req.url ?? "/", headers: req.headers };
    requests.push(seen);
    const route = routes[path];
    const out = route ? route(seen, n) : { status: 404 };
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

interface Run {
  code: number;
  output: string;
  requests: Request[];
  dir: string;
  modelPath: string;
}

/**
 * Renders the chart with `model` and a temp dir as the models volume, then runs the
 * initContainer's command with its rendered environment (plus HF_TOKEN, which the kubelet
 * would take from the Secret).
 */
async function download(model: Record<string, unknown>, options: { token?: string; prepare?: (dir: string) => void } = {}): Promise<Run> {
  const dir = tempDir("llmchart-models-");
  options.prepare?.(dir);
  const r = await template(chart, [{ model: { filename: "tiny.gguf", ...model }, volume: { models: { mountPath: dir } }, initDownloader: { retries: 3, backoffSeconds: 0 } }]);
  expect(r.code, r.stderr).toBe(0);
  const init = find(r.docs, "Deployment")!.spec.template.spec.initContainers!.find((c) => c.name === "download-model")!;
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  for (const e of init.env!) if (typeof e.value === "string") env[e.name] = e.value;
  if (options.token) env.HF_TOKEN = options.token;
  const [sh, ...args] = init.command as string[];
  expect(sh).toBe("sh");
  const before = requests.length;
  attempts.clear();
  const result = await new Promise<{ code: number; output: string }>((done) => {
    const child = spawn(SHELL[0]!, [...SHELL.slice(1), ...args], { env, cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    child.on("close", (code) => {
      done({ code: code ?? -1, output });
    });
  });
  return { ...result, requests: requests.slice(before), dir, modelPath: env.MODEL_PATH! };
}

/** Files left in the models volume, hidden ones included (a leftover .part would show here). */
function volumeFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe(`download-model under ${BUSYBOX ? "busybox sh" : "/bin/sh (install busybox to test the curl image's shell)"}`, () => {
  it("runs under busybox sh, the shell of the curl image (fails, never skips, without busybox)", () => {
    expect(BUSYBOX, "busybox is not on PATH: apt-get install -y busybox (npm test installs it as root)").toBeDefined();
  });

  it("downloads to <mountPath>/<filename>, whatever the URL's name and query string", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf?download=true` });
    expect(run.code, run.output).toBe(0);
    expect(run.modelPath).toBe(join(run.dir, "tiny.gguf"));
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
    expect(volumeFiles(run.dir)).toEqual(["tiny.gguf"]);
    expect(run.requests).toHaveLength(1);
    expect(run.output).toContain(`saved ${run.modelPath} (${BODY.length} bytes)`);
    expect(run.output).not.toContain("download=true");
  });

  it("verifies model.sha256 after the download", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: SHA });
    expect(run.code, run.output).toBe(0);
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("fails on a sha256 mismatch and leaves no file at the model path", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: "0".repeat(64) });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`sha256 mismatch for ${base}/model.gguf: expected ${"0".repeat(64)} (model.sha256), got ${SHA}; the download was deleted`);
    expect(existsSync(run.modelPath)).toBe(false);
    expect(volumeFiles(run.dir)).toEqual([]);
  });

  it("checks model.sizeBytes after the download", async () => {
    const ok = await download({ downloadUrl: `${base}/model.gguf`, sizeBytes: BODY.length });
    expect(ok.code, ok.output).toBe(0);
    expect(readFileSync(ok.modelPath).equals(BODY)).toBe(true);
    const wrong = await download({ downloadUrl: `${base}/model.gguf`, sizeBytes: BODY.length + 1 });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain(`size mismatch for ${base}/model.gguf: expected ${BODY.length + 1} bytes (model.sizeBytes), got ${BODY.length}; the download was deleted`);
    expect(volumeFiles(wrong.dir)).toEqual([]);
  });

  it("resumes a partial download from where it stopped", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: SHA }, { prepare: (dir) => { writeFileSync(join(dir, ".tiny.gguf.part"), BODY.subarray(0, 100_000)); } });
    expect(run.code, run.output).toBe(0);
    expect(run.requests.map((r) => r.headers.range)).toEqual(["bytes=100000-"]);
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
    expect(volumeFiles(run.dir)).toEqual(["tiny.gguf"]);
  });

  it("keeps a partial download that turns out complete when its checksum matches", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: SHA }, { prepare: (dir) => { writeFileSync(join(dir, ".tiny.gguf.part"), BODY); } });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("the partial download is already complete");
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("starts over when the server cannot resume", async () => {
    const run = await download({ downloadUrl: `${base}/no-ranges.gguf` }, { prepare: (dir) => { writeFileSync(join(dir, ".tiny.gguf.part"), BODY.subarray(0, 1000)); } });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("restarting from zero");
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("skips the download when the model is already present", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf` }, { prepare: (dir) => { writeFileSync(join(dir, "tiny.gguf"), "already here"); } });
    expect(run.code, run.output).toBe(0);
    expect(run.requests).toEqual([]);
    expect(readFileSync(run.modelPath, "utf8")).toBe("already here");
    expect(run.output).toContain("is already present, skipping the download");
  });

  it("skips the download when the present model matches model.sha256", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: SHA }, { prepare: (dir) => { writeFileSync(join(dir, "tiny.gguf"), BODY); } });
    expect(run.code, run.output).toBe(0);
    expect(run.requests).toEqual([]);
    expect(run.output).toContain("its sha256 matches, skipping the download");
  });

  it("downloads again when the present model does not match model.sha256", async () => {
    const run = await download({ downloadUrl: `${base}/model.gguf`, sha256: SHA }, { prepare: (dir) => { writeFileSync(join(dir, "tiny.gguf"), "corrupt"); } });
    expect(run.code, run.output).toBe(0);
    expect(run.requests).toHaveLength(1);
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("fails at once on 404 with a hint about repoId and filename", async () => {
    const run = await download({ downloadUrl: `${base}/missing.gguf` });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`HTTP 404 from ${base}/missing.gguf: no such file; check model.repoId and model.filename, or model.downloadUrl`);
    expect(run.requests).toHaveLength(1);
    expect(volumeFiles(run.dir)).toEqual([]);
  });

  it("retries a busy server with backoff", async () => {
    const run = await download({ downloadUrl: `${base}/flaky.gguf` });
    expect(run.code, run.output).toBe(0);
    expect(run.requests).toHaveLength(3);
    expect(run.output).toContain("HTTP 503");
    expect(run.output).toContain("attempt 3 of 3");
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("gives up after initDownloader.retries attempts", async () => {
    // Port 9 (discard) is closed on any sane machine: every attempt is refused at once.
    const run = await download({ downloadUrl: "http://127.0.0.1:9/unreachable.gguf" });
    expect(run.code).toBe(1);
    expect(run.output.match(/curl failed with exit code 7/g)).toHaveLength(3);
    expect(run.output).toContain("giving up after 3 attempts to download http://127.0.0.1:9/unreachable.gguf");
    expect(volumeFiles(run.dir)).toEqual([]);
  });

  it("sends the Hugging Face token as a Bearer header and never prints it", async () => {
    const run = await download({ downloadUrl: `${base}/private.gguf` }, { token: `${TOKEN}\n` });
    expect(run.code, run.output).toBe(0);
    expect(run.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(run.output).not.toContain(TOKEN);
    expect(readFileSync(run.modelPath).equals(BODY)).toBe(true);
  });

  it("explains a 401 without printing the token", async () => {
    const run = await download({ downloadUrl: `${base}/private.gguf` }, { token: "hf_WrongToken456" });
    expect(run.code).toBe(1);
    expect(run.output).toContain("HTTP 401");
    expect(run.output).toContain("huggingFace.secretName/tokenKey");
    expect(run.output).not.toContain("hf_WrongToken456");
  });

  it("builds the Hugging Face URL from repoId and filename", async () => {
    const r = await template(chart, [{ model: { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" } }]);
    const env = find(r.docs, "Deployment")!.spec.template.spec.initContainers![0]!.env!;
    expect(env.find((e) => e.name === "MODEL_URL")!.value).toBe("https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf");
  });
});
