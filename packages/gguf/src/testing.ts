/**
 * For tests only (`@llmchart/gguf/testing`): GGUF files built in memory and a Hugging Face Hub
 * look-alike on 127.0.0.1, so no test reaches the internet.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A typed metadata value; plain numbers are u32 (i32 when negative, f32 when fractional), strings and booleans are themselves. */
export type GgufValue =
  | number
  | string
  | boolean
  | string[]
  | number[]
  | { type: "u32" | "i32" | "f32" | "u64" | "u8"; value: number | number[] };

export interface GgufSpec {
  metadata: Record<string, GgufValue>;
  tensors: { name: string; type: "F32" | "F16" | "Q8_0"; dims: number[] }[];
}

const TYPE_IDS = { u8: 0, u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9, u64: 10 } as const;
const TENSOR = { F32: { id: 0, block: 1, bytes: 4 }, F16: { id: 1, block: 1, bytes: 2 }, Q8_0: { id: 8, block: 32, bytes: 34 } } as const;

class Out {
  parts: Buffer[] = [];
  n(kind: "u8" | "u32" | "i32" | "f32" | "u64", v: number): void {
    const b = Buffer.alloc(kind === "u64" ? 8 : kind === "u8" ? 1 : 4);
    if (kind === "u8") b.writeUInt8(v);
    else if (kind === "u32") b.writeUInt32LE(v);
    else if (kind === "i32") b.writeInt32LE(v);
    else if (kind === "f32") b.writeFloatLE(v);
    else b.writeBigUInt64LE(BigInt(v));
    this.parts.push(b);
  }
  s(v: string): void {
    const b = Buffer.from(v, "utf8");
    this.n("u64", b.length);
    this.parts.push(b);
  }
}

function numKind(v: number): "u32" | "i32" | "f32" {
  return !Number.isInteger(v) ? "f32" : v < 0 ? "i32" : "u32";
}

function writeValue(out: Out, v: GgufValue): void {
  if (typeof v === "string") {
    out.n("u32", TYPE_IDS.str);
    out.s(v);
    return;
  }
  if (typeof v === "boolean") {
    out.n("u32", TYPE_IDS.bool);
    out.n("u8", v ? 1 : 0);
    return;
  }
  if (typeof v === "number") {
    out.n("u32", TYPE_IDS[numKind(v)]);
    out.n(numKind(v), v);
    return;
  }
  if (Array.isArray(v)) {
    out.n("u32", TYPE_IDS.arr);
    const strings = v.length > 0 && typeof v[0] === "string";
    const kind = strings ? "str" : (v as number[]).some((x) => !Number.isInteger(x)) ? "f32" : (v as number[]).some((x) => x < 0) ? "i32" : "u32";
    out.n("u32", TYPE_IDS[kind]);
    out.n("u64", v.length);
    for (const x of v) {
      if (typeof x === "string") out.s(x);
      else out.n(kind as "u32" | "i32" | "f32", x);
    }
    return;
  }
  const values = Array.isArray(v.value) ? v.value : [v.value];
  if (Array.isArray(v.value)) {
    out.n("u32", TYPE_IDS.arr);
    out.n("u32", TYPE_IDS[v.type]);
    out.n("u64", values.length);
  } else out.n("u32", TYPE_IDS[v.type]);
  for (const x of values) out.n(v.type, x);
}

/** Bytes of one tensor's data. */
function dataBytes(t: GgufSpec["tensors"][number]): number {
  const k = TENSOR[t.type];
  return (t.dims.reduce((a, b) => a * b, 1) / k.block) * k.bytes;
}

/**
 * A GGUF v3 file: header, tensor infos and (unless `data: false`) zero-filled tensor data, 32-byte
 * aligned as llama.cpp writes it.
 */
export function ggufBytes(spec: GgufSpec, options: { data?: boolean } = {}): Buffer {
  const out = new Out();
  out.parts.push(Buffer.from("GGUF", "latin1"));
  out.n("u32", 3);
  out.n("u64", spec.tensors.length);
  out.n("u64", Object.keys(spec.metadata).length);
  for (const [k, v] of Object.entries(spec.metadata)) {
    out.s(k);
    writeValue(out, v);
  }
  let offset = 0;
  for (const t of spec.tensors) {
    out.s(t.name);
    out.n("u32", t.dims.length);
    for (const d of t.dims) out.n("u64", d);
    out.n("u32", TENSOR[t.type].id);
    out.n("u64", offset);
    offset += Math.ceil(dataBytes(t) / 32) * 32;
  }
  const header = Buffer.concat(out.parts);
  const padded = Math.ceil(header.length / 32) * 32;
  return Buffer.concat([header, Buffer.alloc(padded - header.length), options.data === false ? Buffer.alloc(0) : Buffer.alloc(offset)]);
}

/** How the fake Hub serves one file. */
export interface HostedFile {
  bytes: Buffer;
  /** Answer 401 without `Authorization: Bearer <token>`, 403 with another token. */
  token?: string;
  /** Serve Range requests (default true); false answers 200 with the whole file. */
  ranges?: boolean;
  /** Leave out X-Linked-Etag / X-Linked-Size (a server that does not publish a checksum). */
  noChecksum?: boolean;
}

export interface FakeHub {
  /** `http://127.0.0.1:<port>`: use as HF_ENDPOINT. */
  url: string;
  /** Requests seen, `METHOD path` (for asserting what was or was not fetched). */
  requests: string[];
  /** Body bytes sent, over all requests. */
  bytesSent(): number;
  close(): Promise<void>;
}

function sha(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}

function serveRange(req: IncomingMessage, res: ServerResponse, file: HostedFile, counter: { sent: number }): void {
  const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
  if (file.ranges === false || !m) {
    res.writeHead(200, { "content-length": file.bytes.length, "accept-ranges": "none" });
    if (req.method === "HEAD") return void res.end();
    counter.sent += file.bytes.length;
    return void res.end(file.bytes);
  }
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : file.bytes.length - 1, file.bytes.length - 1);
  if (start >= file.bytes.length) {
    res.writeHead(416, { "content-range": `bytes */${file.bytes.length}` });
    return void res.end();
  }
  const body = file.bytes.subarray(start, end + 1);
  counter.sent += body.length;
  res.writeHead(206, { "content-range": `bytes ${start}-${end}/${file.bytes.length}`, "content-length": body.length, "accept-ranges": "bytes" });
  res.end(body);
}

/**
 * A Hub look-alike on 127.0.0.1. `files` maps `<repoId>/<filename>` to what to serve:
 * - `HEAD|GET /<repoId>/resolve/main/<filename>` → 302 to `/cdn/<sha256>` with X-Linked-Etag,
 *   X-Linked-Size and X-Repo-Commit (401/403 for a file with a token, 404 for an unknown one);
 * - `GET /cdn/<sha256>` → the bytes, with or without range support;
 * - `/loop` redirects to itself; `/stall` never answers.
 */
export async function startFakeHub(files: Record<string, HostedFile>): Promise<FakeHub> {
  const bySha = new Map(Object.values(files).map((f) => [sha(f.bytes), f]));
  const requests: string[] = [];
  const counter = { sent: 0 };
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    requests.push(`${req.method} ${path}`);
    if (path === "/stall") return;
    if (path === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(path);
    if (cdn) {
      const f = bySha.get(cdn[1]!);
      if (f) serveRange(req, res, f, counter);
      else res.writeHead(404).end();
      return;
    }
    const resolve = /^\/(.+?\/.+?)\/resolve\/main\/(.+)$/.exec(path);
    const file = resolve ? files[`${resolve[1]}/${resolve[2]}`] : undefined;
    if (!file) return void res.writeHead(404, { "content-type": "text/plain" }).end("Entry not found");
    if (file.token !== undefined) {
      const auth = req.headers.authorization;
      if (!auth) return void res.writeHead(401).end("Access to this model is restricted");
      if (auth !== `Bearer ${file.token}`) return void res.writeHead(403).end("Forbidden");
    }
    const digest = sha(file.bytes);
    res.writeHead(302, {
      location: `/cdn/${digest}`,
      "x-repo-commit": "0123456789abcdef0123456789abcdef01234567",
      ...(file.noChecksum ? {} : { "x-linked-etag": `"${digest}"`, "x-linked-size": String(file.bytes.length) }),
    });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bytesSent: () => counter.sent,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => { r(); });
      }),
  };
}

/** The shapes of a small llama-style model (grouped-query attention), as a GgufSpec; `extra` keys override. */
export function llamaLikeSpec(extra: Record<string, GgufValue> = {}, arch = "llama"): GgufSpec {
  const embd = 64;
  const vocab = 96;
  const tokens = Array.from({ length: vocab }, (_, i) => `t${i}`);
  return {
    metadata: {
      "general.architecture": arch,
      "general.name": "tiny test model",
      [`${arch}.context_length`]: 4096,
      [`${arch}.embedding_length`]: embd,
      [`${arch}.block_count`]: 2,
      [`${arch}.feed_forward_length`]: 128,
      [`${arch}.attention.head_count`]: 4,
      [`${arch}.attention.head_count_kv`]: 2,
      "tokenizer.ggml.model": "llama",
      "tokenizer.ggml.tokens": tokens,
      ...extra,
    },
    tensors: [
      { name: "token_embd.weight", type: "Q8_0", dims: [embd, vocab] },
      { name: "blk.0.attn_q.weight", type: "Q8_0", dims: [embd, embd] },
      { name: "blk.1.attn_q.weight", type: "Q8_0", dims: [embd, embd] },
      { name: "output_norm.weight", type: "F32", dims: [embd] },
    ],
  };
}
