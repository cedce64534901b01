import { open } from "node:fs/promises";
import { GgufError } from "./errors.js";
import { readBody, request, shownUrl, statusError, type HttpOptions } from "./http.js";

/** Bytes `[start, end]` (inclusive) of a file, and the file's total size when known. */
export interface RangeReader {
  /** A path or a URL without credentials, for messages. */
  readonly where: string;
  read(start: number, end: number): Promise<{ bytes: Uint8Array; total: number | undefined }>;
  close(): Promise<void>;
}

/** A local file. */
export async function fileReader(path: string): Promise<RangeReader> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GgufError(code === "ENOENT" ? "not-found" : "unreachable", path, code === "ENOENT" ? "no such file" : `cannot open (${code ?? "error"})`);
  }
  const { size } = await handle.stat();
  return {
    where: path,
    async read(start, end) {
      const length = Math.max(0, Math.min(end, size - 1) - start + 1);
      const bytes = new Uint8Array(length);
      if (length > 0) await handle.read(bytes, 0, length, start);
      return { bytes, total: size };
    },
    close: () => handle.close(),
  };
}

/** `bytes 0-99/1234` → { start: 0, total: 1234 }; undefined for a missing or malformed header. */
function rangeOf(contentRange: string | null): { start: number; total: number | undefined } | undefined {
  const m = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(contentRange ?? "");
  if (!m) return undefined;
  const total = Number(m[3]);
  return { start: Number(m[1]), total: Number.isSafeInteger(total) ? total : undefined };
}

/**
 * A file over HTTP(S), read with `Range` requests (redirects followed, as the Hub's resolve URL
 * redirects to its CDN). A server that answers a range request with the whole file (200) is
 * refused rather than downloaded: `no-range`.
 */
export function httpReader(url: string, options: HttpOptions): RangeReader {
  const where = shownUrl(url);
  return {
    where,
    async read(start, end) {
      const res = await request(url, { headers: { range: `bytes=${start}-${end}` } }, options);
      if (res.status === 200) {
        await res.body?.cancel().catch(() => undefined);
        throw new GgufError("no-range", where, "the server ignores HTTP range requests (it answered 200 with the whole file), so the header cannot be read without downloading the weights — download the file and pin it with --offline --file <path>");
      }
      if (res.status !== 206) {
        await res.body?.cancel().catch(() => undefined);
        throw statusError(res.status, where, Boolean(options.token));
      }
      const range = rangeOf(res.headers.get("content-range"));
      if (!range || range.start !== start) {
        await res.body?.cancel().catch(() => undefined);
        throw new GgufError("http", where, `asked for bytes ${start}-${end}, the server answered 206 with ${range ? `bytes from ${range.start}` : "no valid Content-Range"}`);
      }
      const bytes = await readBody(res, end - start + 1, where);
      return { bytes, total: range.total };
    },
    close: () => Promise.resolve(),
  };
}
