import { GgufError } from "./errors.js";

/** What every HTTP request of this package takes: the token for gated repositories and a deadline. */
export interface HttpOptions {
  /** `HF_TOKEN`: sent as `Authorization: Bearer <token>`. Never printed. */
  token?: string | undefined;
  /** The moment (Date.now() scale) by which the whole read must be done. */
  deadline: number;
}

/** A URL as messages show it: without user info and query (signed CDN URLs carry credentials there). */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function headersOf(options: HttpOptions, extra: Record<string, string> = {}): Record<string, string> {
  return { "user-agent": "llmchart (models pin)", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...extra };
}

/** The one-line reason a failed fetch gives, by its cause (undici wraps it in "fetch failed"). */
function fetchFailure(err: unknown, where: string): GgufError {
  const e = (err ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.cause?.name === "TimeoutError") return new GgufError("timeout", where, "timed out");
  const cause = e.cause?.message ?? "";
  if (/redirect count exceeded/i.test(cause)) return new GgufError("redirect-loop", where, "too many redirects (a redirect loop?)");
  const code = e.cause?.code;
  return new GgufError("unreachable", where, `cannot connect${code ? ` (${code})` : cause ? ` (${cause})` : ""}`);
}

/** The error of a non-success status, with what to do about it. */
export function statusError(status: number, where: string, hasToken: boolean): GgufError {
  if (status === 401) {
    return new GgufError(
      "unauthorized",
      where,
      hasToken ? "401 Unauthorized: the token in HF_TOKEN was refused" : "401 Unauthorized: the repository is gated or private — set HF_TOKEN to a token of an account with access",
    );
  }
  if (status === 403) return new GgufError("forbidden", where, "403 Forbidden: the account of HF_TOKEN has no access (accept the model's terms on its page first)");
  if (status === 404) return new GgufError("not-found", where, "404 Not Found: no such file (check model.repoId and model.filename, or model.downloadUrl)");
  if (status === 416) return new GgufError("truncated", where, "416 Range Not Satisfiable: the file is shorter than its header says");
  return new GgufError("http", where, `HTTP ${status}`);
}

/** `fetch` with the token, the deadline and errors as GgufError. */
export async function request(url: string, init: { method?: string; headers?: Record<string, string>; redirect?: "follow" | "manual" }, options: HttpOptions): Promise<Response> {
  const where = shownUrl(url);
  const left = options.deadline - Date.now();
  if (left <= 0) throw new GgufError("timeout", where, "timed out");
  try {
    return await fetch(url, { method: init.method ?? "GET", headers: headersOf(options, init.headers), redirect: init.redirect ?? "follow", signal: AbortSignal.timeout(left) });
  } catch (err) {
    throw fetchFailure(err, where);
  }
}

/**
 * Reads at most `max` bytes of a response body, then stops reading (a server that sends more
 * than it was asked for, or a body that never ends, costs no more than `max`).
 */
export async function readBody(res: Response, max: number, where: string): Promise<Uint8Array> {
  const out = new Uint8Array(max);
  let n = 0;
  if (!res.body) return out.subarray(0, 0);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  try {
    while (n < max) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.length, max - n);
      out.set(value.subarray(0, take), n);
      n += take;
    }
  } catch (err) {
    throw fetchFailure(err, where);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return out.subarray(0, n);
}
