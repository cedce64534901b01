import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GgufError, headFile, hubResolveUrl, readGgufHeader, sha256File, splitPart, type GgufErrorCode } from "../src/index.js";
import { ggufBytes, llamaLikeSpec, startFakeHub, type FakeHub } from "../src/testing.js";

const model = ggufBytes(llamaLikeSpec());
// 8 MiB of weights after the header: more than the parser's first 2 MB range.
const big = ggufBytes({ ...llamaLikeSpec(), tensors: [...llamaLikeSpec().tensors, { name: "blk.0.ffn_up.weight", type: "F32", dims: [2048, 1024] }] });
const truncatedHeader = model.subarray(0, 200);
const truncatedData = big.subarray(0, big.length - 4096);
const badMagic = Buffer.concat([Buffer.from("GGML"), model.subarray(4)]);

/** A header whose only key is an array claiming 2^40 elements. */
function absurdArray(): Buffer {
  const b = Buffer.alloc(4 + 4 + 8 + 8 + 8 + 1 + 4 + 4 + 8);
  let o = b.write("GGUF", 0, "latin1");
  o = b.writeUInt32LE(3, o);
  o = b.writeBigUInt64LE(0n, o);
  o = b.writeBigUInt64LE(1n, o);
  o = b.writeBigUInt64LE(1n, o);
  o += b.write("x", o, "latin1");
  o = b.writeUInt32LE(9, o);
  o = b.writeUInt32LE(0, o);
  b.writeBigUInt64LE(2n ** 40n, o);
  return b;
}

let hub: FakeHub;
let dir: string;
const url = (repo: string, file = "model.gguf") => hubResolveUrl(repo, file, { endpoint: hub.url });

async function failure(p: Promise<unknown>): Promise<GgufError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GgufError);
  return err as GgufError;
}

async function expectCode(p: Promise<unknown>, code: GgufErrorCode, message: RegExp): Promise<void> {
  const err = await failure(p);
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
  expect(err.message).not.toContain("\n");
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gguf-test-"));
  hub = await startFakeHub({
    "org/model/model.gguf": { bytes: model },
    "org/big/model.gguf": { bytes: big },
    "org/plain/model.gguf": { bytes: Buffer.concat([big, Buffer.alloc(32)]), ranges: false },
    "org/gated/model.gguf": { bytes: model, token: "hf_secret" },
    "org/cut/model.gguf": { bytes: truncatedHeader },
    "org/cutdata/model.gguf": { bytes: truncatedData },
    "org/magic/model.gguf": { bytes: badMagic },
    "org/absurd/model.gguf": { bytes: absurdArray() },
  });
});

afterAll(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("readGgufHeader from a local file", () => {
  it("reads the metadata, the tensor infos and the file size", async () => {
    const path = join(dir, "m.gguf");
    writeFileSync(path, model);
    const h = await readGgufHeader({ file: path });
    expect(h.metadata["general.architecture"]).toBe("llama");
    expect(h.metadata["llama.block_count"]).toBe(2);
    expect(h.metadata["tokenizer.ggml.tokens"]).toHaveLength(96);
    expect(h.tensors.map((t) => `${t.name}:${t.typeName}:${t.shape.join("x")}`)).toContain("token_embd.weight:Q8_0:64x96");
    expect(h.fileSize).toBe(model.length);
    expect(h.parameterCount).toBe(64 * 96 + 2 * 64 * 64 + 64);
    expect(h.headerBytes % 32).toBe(0);
  });

  it("names a missing file", async () => {
    await expectCode(readGgufHeader({ file: join(dir, "nope.gguf") }), "not-found", /nope\.gguf: no such file/);
  });

  it("refuses a file cut inside its header", async () => {
    const path = join(dir, "cut.gguf");
    writeFileSync(path, truncatedHeader);
    await expectCode(readGgufHeader({ file: path }), "truncated", /past the end of the file \(200 bytes\)/);
  });
});

describe("readGgufHeader over HTTP", () => {
  it("follows the resolve URL's redirect and reads only the header's range, not the weights", async () => {
    const before = hub.bytesSent();
    const h = await readGgufHeader({ url: url("org/big") });
    expect(h.metadata["llama.attention.head_count_kv"]).toBe(2);
    expect(h.fileSize).toBe(big.length);
    expect(hub.bytesSent() - before).toBeLessThan(big.length / 2);
    expect(h.where).toBe(`${hub.url}/org/big/resolve/main/model.gguf`);
  });

  it("sends HF_TOKEN as a bearer token to a gated repository", async () => {
    const h = await readGgufHeader({ url: url("org/gated") }, { token: "hf_secret" });
    expect(h.metadata["general.name"]).toBe("tiny test model");
  });

  it("says a gated repository needs HF_TOKEN (401)", async () => {
    await expectCode(readGgufHeader({ url: url("org/gated") }), "unauthorized", /401 Unauthorized: the repository is gated or private — set HF_TOKEN/);
  });

  it("says the token's account has no access (403), without printing the token", async () => {
    const err = await failure(readGgufHeader({ url: url("org/gated") }, { token: "hf_wrong" }));
    expect(err.code).toBe("forbidden");
    expect(err.message).not.toContain("hf_wrong");
  });

  it("says 404 for a file the repository does not have", async () => {
    await expectCode(readGgufHeader({ url: url("org/model", "other.gguf") }), "not-found", /404 Not Found/);
  });

  it("refuses a server without range support instead of downloading the file", async () => {
    await expectCode(readGgufHeader({ url: url("org/plain") }), "no-range", /ignores HTTP range requests .* --offline --file/);
  });

  it("refuses a header that ends past the end of the file", async () => {
    await expectCode(readGgufHeader({ url: url("org/cut") }), "truncated", /past the end of the file/);
  });

  it("refuses a file whose weights are cut short", async () => {
    await expectCode(readGgufHeader({ url: url("org/cutdata") }), "truncated", /describes \d+ bytes of header and weights, but the file has \d+/);
  });

  it("refuses a file that is not GGUF", async () => {
    await expectCode(readGgufHeader({ url: url("org/magic") }), "malformed", /not a GGUF file/);
  });

  it("refuses an absurd array length without allocating it", async () => {
    await expectCode(readGgufHeader({ url: url("org/absurd") }), "malformed", /array length 1099511627776 exceeds/);
  });

  it("stops at the byte cap", async () => {
    const tokens = Array.from({ length: 60_000 }, (_, i) => `token-number-${i}`);
    const large = ggufBytes({ ...llamaLikeSpec({ "tokenizer.ggml.tokens": tokens }) });
    const path = join(dir, "large.gguf");
    writeFileSync(path, large);
    await expectCode(readGgufHeader({ file: path }, { maxBytes: 2 ** 20 }), "too-large", /larger than the 1 MiB read limit/);
    await expect(readGgufHeader({ file: path })).resolves.toMatchObject({ fileSize: large.length });
  });

  it("names a redirect loop", async () => {
    await expectCode(readGgufHeader({ url: `${hub.url}/loop` }), "redirect-loop", /too many redirects/);
  });

  it("gives up on a server that never answers", async () => {
    await expectCode(readGgufHeader({ url: `${hub.url}/stall` }, { timeoutMs: 500 }), "timeout", /timed out/);
  });

  it("names a server that cannot be reached", async () => {
    const gone = await startFakeHub({});
    const at = gone.url;
    await gone.close();
    await expectCode(readGgufHeader({ url: `${at}/x.gguf` }), "unreachable", /cannot connect \(ECONNREFUSED\)/);
  });
});

describe("headFile", () => {
  it("reads the SHA256, size and commit the Hub publishes, without following the redirect", async () => {
    const n = hub.requests.length;
    const info = await headFile(url("org/model"), { deadline: Date.now() + 10_000 });
    expect(info).toEqual({ size: model.length, sha256: (await sha256File(await writeTemp(model))).sha256, commit: "0123456789abcdef0123456789abcdef01234567" });
    expect(hub.requests.slice(n)).toEqual(["HEAD /org/model/resolve/main/model.gguf"]);
  });
});

async function writeTemp(b: Buffer): Promise<string> {
  const path = join(dir, `t-${b.length}.gguf`);
  await writeFile(path, b);
  return path;
}

describe("splitPart", () => {
  it("recognises the parts of a split model", () => {
    expect(splitPart("Qwen3-235B-Q4_K_M-00001-of-00003.gguf")).toEqual({ part: 1, count: 3 });
    expect(splitPart("phi-2.Q4_K_M.gguf")).toBeUndefined();
  });
});
