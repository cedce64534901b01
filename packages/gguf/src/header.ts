import { gguf, type MetadataValue } from "@huggingface/gguf";
import { GgufError } from "./errors.js";
import { GGML_TYPES, tensorBytes } from "./ggml-types.js";
import type { RangeReader } from "./ranges.js";

/** One tensor as the header describes it. */
export interface GgufTensor {
  name: string;
  /** Dimensions, innermost first (`[n_embd, n_vocab]` for token_embd). */
  shape: number[];
  /** ggml type id, and its name (`Q8_0`, or `type 99` when unknown). */
  type: number;
  typeName: string;
  /** Bytes of its data; undefined when the type is not known here. */
  bytes: number | undefined;
}

/** What a GGUF header says, read without the weights. */
export interface GgufHeader {
  /** The file or URL it was read from (URLs without credentials). */
  where: string;
  version: number;
  /** Every key-value, bigints made numbers (or decimal strings beyond 2^53). */
  metadata: Readonly<Record<string, unknown>>;
  tensors: readonly GgufTensor[];
  /** Sum of every tensor's element count. */
  parameterCount: number;
  /** Where the tensor data starts: the header's size. */
  headerBytes: number;
  /** The file's size as the server or file system states it; undefined when a server does not say. */
  fileSize: number | undefined;
  /** Bytes read from the start of the file. */
  bytesRead: number;
}

export interface HeaderLimits {
  /** The most bytes to read; a longer header is a `too-large` error. */
  maxBytes: number;
}

const PARSER_KEYS = new Set(["version", "tensor_count", "kv_count"]);

/** Makes bigints plain numbers (or decimal strings when they do not fit), recursively through arrays. */
function plain(v: MetadataValue): unknown {
  if (typeof v === "bigint") return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map((x) => plain(x));
  return v;
}

/** What the parser has asked for and got so far. */
interface Seen {
  /** The file's size, once a response has said it. */
  total: number | undefined;
  /** The end of the bytes really read (the parser reads from 0 onwards). */
  end: number;
  /** Bytes asked for (the cap counts these: a read past the end of the file costs too). */
  requested: number;
  /** Whether the parser asked for bytes past the end of the file. */
  pastEnd: boolean;
}

/**
 * Serves the parser's range requests from `reader`. The parser asks for 2 MB at a time, ahead
 * of need; past the end of the file it gets nothing (and fills the gap with zeros itself, which
 * parseHeader's checks catch). Asking beyond the cap is a `too-large` error, or `truncated` when
 * the asking went on past the end of the file.
 */
function boundedFetch(reader: RangeReader, limits: HeaderLimits, seen: Seen): typeof fetch {
  return async (_input, init) => {
    const range = /^bytes=(\d+)-(\d+)$/.exec((init?.headers as Record<string, string> | undefined)?.Range ?? "");
    if (!range) throw new GgufError("malformed", reader.where, "internal: the parser asked for no range");
    const start = Number(range[1]);
    const end = Number(range[2]);
    const allowed = Math.min(end - start + 1, limits.maxBytes - seen.requested);
    if (allowed <= 0) throw seen.pastEnd ? truncated(reader.where, seen) : tooLarge(reader.where, limits);
    seen.requested += allowed;
    let bytes: Uint8Array = new Uint8Array(0);
    if (seen.total === undefined || start < seen.total) {
      const got = await reader.read(start, start + allowed - 1);
      seen.total ??= got.total;
      bytes = got.bytes;
      seen.end = Math.max(seen.end, start + bytes.length);
    }
    if (bytes.length < allowed) seen.pastEnd = true;
    return new Response(new Uint8Array(bytes), { status: 206, headers: { "content-range": `bytes ${start}-${start + Math.max(bytes.length, 1) - 1}/${seen.total ?? "*"}` } });
  };
}

function truncated(where: string, seen: Seen): GgufError {
  return new GgufError("truncated", where, `the header runs past the end of the file (${seen.total ?? seen.end} bytes)`);
}

function tooLarge(where: string, limits: HeaderLimits): GgufError {
  return new GgufError("too-large", where, `the header is larger than the ${Math.round(limits.maxBytes / 2 ** 20)} MiB read limit`);
}

/** An error of the parser (absurd lengths, bad magic, out-of-bounds reads) as one GgufError. */
function parseFailure(err: unknown, where: string, limits: HeaderLimits, seen: Seen): GgufError {
  if (err instanceof GgufError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // Zeros (what the parser reads past the end of the file) are valid lengths and types, so its
  // own checks fire on real bytes: malformed. Running out of buffer is too short or too long.
  if (err instanceof RangeError) {
    if (seen.pastEnd) return truncated(where, seen);
    return seen.requested >= limits.maxBytes ? tooLarge(where, limits) : new GgufError("malformed", where, `not a valid GGUF header (${message})`);
  }
  return new GgufError("malformed", where, /gguf/i.test(message) ? message.replace(/^not a valid gguf file/i, "not a GGUF file") : `not a valid GGUF header: ${message}`);
}

/**
 * Reads and checks a GGUF header through `reader` with @huggingface/gguf, reading no more than
 * `limits.maxBytes` and never the weights. Parts of the file the parser read past the end of the
 * file, or past the cap, come back as zeros from it; so the header's end and the tensor data it
 * describes are checked against what was really read and the file's size.
 */
export async function parseHeader(reader: RangeReader, limits: HeaderLimits): Promise<GgufHeader> {
  const seen: Seen = { total: undefined, end: 0, requested: 0, pastEnd: false };
  let parsed;
  try {
    parsed = await gguf("https://gguf.invalid/header", { fetch: boundedFetch(reader, limits, seen), computeParametersCount: true });
  } catch (err) {
    throw parseFailure(err, reader.where, limits, seen);
  }
  const headerEnd = parsed.tensorInfoByteRange[1];
  if (headerEnd > seen.end) throw seen.pastEnd ? truncated(reader.where, seen) : tooLarge(reader.where, limits);
  const headerBytes = Number(parsed.tensorDataOffset);
  const tensors = parsed.tensorInfos.map((t) => {
    const shape = t.shape.map(Number);
    const info = GGML_TYPES[t.dtype];
    return { name: t.name, shape, type: t.dtype, typeName: info?.name ?? `type ${t.dtype}`, bytes: tensorBytes(t.dtype, shape.reduce((a, b) => a * b, 1)), offset: Number(t.offset) };
  });
  const dataEnd = headerBytes + tensors.reduce((max, t) => Math.max(max, t.offset + (t.bytes ?? 0)), 0);
  if (seen.total !== undefined && dataEnd > seen.total) {
    throw new GgufError("truncated", reader.where, `the header describes ${dataEnd} bytes of header and weights, but the file has ${seen.total}`);
  }
  const metadata: Record<string, unknown> = {};
  // version, tensor_count and kv_count are the parser's own entries, not key-values of the file.
  for (const [k, v] of Object.entries(parsed.metadata)) if (!PARSER_KEYS.has(k)) metadata[k] = plain(v as MetadataValue);
  return {
    where: reader.where,
    version: parsed.metadata.version,
    metadata,
    tensors: tensors.map(({ offset: _o, ...t }) => t),
    parameterCount: parsed.parameterCount,
    headerBytes,
    fileSize: seen.total,
    bytesRead: seen.end,
  };
}
