import { parseHeader, type GgufHeader } from "./header.js";
import { fileReader, httpReader, type RangeReader } from "./ranges.js";

export { GgufError, type GgufErrorCode } from "./errors.js";
export { GGML_TYPES, tensorBytes } from "./ggml-types.js";
export type { GgufHeader, GgufTensor } from "./header.js";
export { shownUrl } from "./http.js";
export { headFile, hubEndpoint, hubResolveUrl, sha256File, splitPart, type RemoteFileInfo } from "./hub.js";

/** Where a header is read from: a local file, or an http(s) URL read with range requests. */
export type GgufSource = { file: string } | { url: string };

export interface ReadHeaderOptions {
  /** Bearer token for gated repositories (HF_TOKEN); sent only over HTTP. */
  token?: string | undefined;
  /** The most bytes to read (default 40 MiB: tokenizers of 260,000 tokens take ~6 MB). */
  maxBytes?: number;
  /** The whole read's time limit in milliseconds (default 60 s). */
  timeoutMs?: number;
}

/** Default read cap: below @huggingface/gguf's own 50 MB buffer, so ours is the error a user sees. */
export const DEFAULT_MAX_HEADER_BYTES = 40 * 2 ** 20;
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Reads a GGUF file's header — metadata and tensor infos, never the weights — from a local file
 * or over HTTP range requests (redirects followed), within `maxBytes` and `timeoutMs`. Every
 * failure is a GgufError with one line to show: bad magic, absurd lengths, a header past the cap
 * or the end of the file, 401/403/404, a server without range support, a redirect loop, a timeout.
 */
export async function readGgufHeader(source: GgufSource, options: ReadHeaderOptions = {}): Promise<GgufHeader> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const reader: RangeReader = "file" in source ? await fileReader(source.file) : httpReader(source.url, { token: options.token, deadline });
  try {
    return await parseHeader(reader, { maxBytes: options.maxBytes ?? DEFAULT_MAX_HEADER_BYTES });
  } finally {
    await reader.close();
  }
}
