// A small GGUF (v3) writer for the memory benchmark: a header with the shapes of a real model,
// a minimal tokenizer llama.cpp accepts, and random weights. Only what the benchmark needs:
// scalar, string and array metadata; F32, F16 and Q8_0 tensors. Weights are written in 4 MiB
// pieces, so a multi-GB file never sits in memory.
import { randomFillSync } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

/** GGUF metadata value types (gguf.h). */
const T = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9, u64: 10, i64: 11, f64: 12 };
/** ggml tensor types used here, with their block size and bytes per block. */
export const GGML = {
  F32: { id: 0, block: 1, bytes: 4 },
  F16: { id: 1, block: 1, bytes: 2 },
  Q8_0: { id: 8, block: 32, bytes: 34 },
};
const ALIGNMENT = 32;

/** Scalar metadata: `u32(n)`, `f32(x)`, `str(s)`, `bool(b)`; arrays: `arr("str", [...])`. */
export const u32 = (value) => ({ type: "u32", value });
export const f32 = (value) => ({ type: "f32", value });
export const str = (value) => ({ type: "str", value });
export const bool = (value) => ({ type: "bool", value });
export const arr = (elem, value) => ({ type: "arr", elem, value });

class Buf {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }
  push(b) {
    this.chunks.push(b);
    this.length += b.length;
  }
  num(type, v) {
    const b = Buffer.alloc({ u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, bool: 1, u64: 8, i64: 8, f64: 8 }[type]);
    if (type === "u8" || type === "bool") b.writeUInt8(Number(v));
    else if (type === "i8") b.writeInt8(v);
    else if (type === "u16") b.writeUInt16LE(v);
    else if (type === "i16") b.writeInt16LE(v);
    else if (type === "u32") b.writeUInt32LE(v);
    else if (type === "i32") b.writeInt32LE(v);
    else if (type === "f32") b.writeFloatLE(v);
    else if (type === "u64") b.writeBigUInt64LE(BigInt(v));
    else if (type === "i64") b.writeBigInt64LE(BigInt(v));
    else b.writeDoubleLE(v);
    this.push(b);
  }
  str(s) {
    const bytes = Buffer.from(s, "utf8");
    this.num("u64", bytes.length);
    this.push(bytes);
  }
  value(type, v, elem) {
    if (type === "str") this.str(v);
    else if (type === "arr") {
      this.num("u32", T[elem]);
      this.num("u64", v.length);
      for (const x of v) this.value(elem, x);
    } else this.num(type, v);
  }
  concat() {
    return Buffer.concat(this.chunks, this.length);
  }
}

/** Bytes of a tensor of `type` and shape `dims` (ne0 first, as GGUF stores it). */
export function tensorBytes(type, dims) {
  const t = GGML[type];
  const n = dims.reduce((a, b) => a * b, 1);
  if (dims[0] % t.block !== 0) throw new Error(`row of ${dims[0]} is not a multiple of ${type}'s block of ${t.block}`);
  return (n / t.block) * t.bytes;
}

/** A 4 MiB piece of valid random data for `type`: small finite values (no NaN scales). */
function pattern(type) {
  const t = GGML[type];
  const blocks = Math.floor((4 << 20) / t.bytes);
  const b = Buffer.alloc(blocks * t.bytes);
  if (type === "F32") {
    for (let i = 0; i < b.length; i += 4) b.writeFloatLE(1, i);
  } else {
    randomFillSync(b);
    // f16 bit patterns with a small exponent: F16 values, and Q8_0's per-block scale.
    for (let i = 0; i < blocks; i++) b.writeUInt16LE(0x2000 | (b.readUInt16LE(i * t.bytes) & 0x03ff), i * t.bytes);
    if (type === "F16") for (let i = 0; i < b.length; i += 2) b.writeUInt16LE(0x2000 | (b.readUInt16LE(i) & 0x83ff), i);
  }
  return b;
}

/**
 * Writes a GGUF file: `metadata` as `{ key: u32(…) | str(…) | arr(…) }` in order, `tensors` as
 * `[{ name, type: "Q8_0" | "F16" | "F32", dims }]`. Returns the file size.
 */
export function writeGguf(path, metadata, tensors) {
  const head = new Buf();
  head.push(Buffer.from("GGUF", "latin1"));
  head.num("u32", 3);
  head.num("u64", tensors.length);
  head.num("u64", Object.keys(metadata).length);
  for (const [key, v] of Object.entries(metadata)) {
    head.str(key);
    head.num("u32", T[v.type]);
    head.value(v.type, v.value, v.elem);
  }
  let offset = 0;
  const placed = tensors.map((t) => {
    const bytes = tensorBytes(t.type, t.dims);
    const at = offset;
    offset += Math.ceil(bytes / ALIGNMENT) * ALIGNMENT;
    return { ...t, bytes, at };
  });
  for (const t of placed) {
    head.str(t.name);
    head.num("u32", t.dims.length);
    for (const d of t.dims) head.num("u64", d);
    head.num("u32", GGML[t.type].id);
    head.num("u64", t.at);
  }
  const header = head.concat();
  const pad = (ALIGNMENT - (header.length % ALIGNMENT)) % ALIGNMENT;
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header);
    writeSync(fd, Buffer.alloc(pad));
    const patterns = {};
    let written = header.length + pad;
    for (const t of placed) {
      const p = (patterns[t.type] ??= pattern(t.type));
      let left = t.bytes;
      while (left > 0) {
        const n = Math.min(left, p.length);
        writeSync(fd, p, 0, n);
        left -= n;
      }
      const tail = Math.ceil(t.bytes / ALIGNMENT) * ALIGNMENT - t.bytes;
      if (tail) writeSync(fd, Buffer.alloc(tail));
      written += t.bytes + tail;
    }
    return written;
  } finally {
    closeSync(fd);
  }
}

/**
 * A minimal SentencePiece ("llama") vocabulary of exactly `n` tokens that llama.cpp loads:
 * `<unk>`, `<s>`, `</s>`, the 256 byte tokens (so the newline token exists), then unique filler
 * pieces. The benchmark sends token ids, so what the pieces say does not matter.
 */
export function spmVocab(n) {
  const tokens = ["<unk>", "<s>", "</s>"];
  const types = [2, 3, 3];
  for (let i = 0; i < 256; i++) {
    tokens.push(`<0x${i.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(6);
  }
  for (let i = tokens.length; i < n; i++) {
    tokens.push(`\u2581t${i.toString(36)}`);
    types.push(1);
  }
  return {
    "tokenizer.ggml.model": str("llama"),
    "tokenizer.ggml.tokens": arr("str", tokens),
    "tokenizer.ggml.scores": arr("f32", tokens.map((_, i) => -i)),
    "tokenizer.ggml.token_type": arr("i32", types),
    "tokenizer.ggml.bos_token_id": u32(1),
    "tokenizer.ggml.eos_token_id": u32(2),
    "tokenizer.ggml.unknown_token_id": u32(0),
  };
}
