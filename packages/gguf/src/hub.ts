import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { GgufError } from "./errors.js";
import { request, shownUrl, statusError, type HttpOptions } from "./http.js";

/** The Hub's address: `HF_ENDPOINT` when set (as the Hugging Face libraries read it), else huggingface.co. */
export function hubEndpoint(env: Record<string, string | undefined> = process.env): string {
  return (env.HF_ENDPOINT?.trim() || "https://huggingface.co").replace(/\/+$/, "");
}

/** `https://huggingface.co/<repoId>/resolve/<revision>/<filename>`, each path segment escaped. */
export function hubResolveUrl(repoId: string, filename: string, options: { revision?: string; endpoint?: string } = {}): string {
  const seg = (s: string) => s.split("/").map(encodeURIComponent).join("/");
  return `${options.endpoint ?? hubEndpoint()}/${seg(repoId)}/resolve/${encodeURIComponent(options.revision ?? "main")}/${seg(filename)}`;
}

/** What a HEAD on a file's URL tells without downloading it. */
export interface RemoteFileInfo {
  /** Bytes: `X-Linked-Size` (the Hub's LFS size), else `Content-Length` of a plain answer. */
  size: number | undefined;
  /** The content's SHA256 when the server publishes it (`X-Linked-Etag` of an LFS file on the Hub). */
  sha256: string | undefined;
  /** The repository commit the revision resolved to (`X-Repo-Commit`). */
  commit: string | undefined;
}

const SHA256 = /^[0-9a-f]{64}$/;

function unquote(etag: string | null): string | undefined {
  const v = etag?.trim().replace(/^W\//, "").replace(/^"|"$/g, "").toLowerCase();
  return v && SHA256.test(v) ? v : undefined;
}

function intHeader(v: string | null): number | undefined {
  const n = Number(v);
  return v !== null && /^\d+$/.test(v.trim()) && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A HEAD on `url` without following redirects: the Hub answers its resolve URL for an LFS file
 * with a redirect to the CDN that carries `X-Linked-Etag` (the SHA256, quoted), `X-Linked-Size`
 * and `X-Repo-Commit`. A 2xx answer (a plain server, a small file) gives its `Content-Length`.
 */
export async function headFile(url: string, options: HttpOptions): Promise<RemoteFileInfo> {
  const res = await request(url, { method: "HEAD", redirect: "manual" }, options);
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 400) throw statusError(res.status, shownUrl(url), Boolean(options.token));
  const h = res.headers;
  const linkedSize = intHeader(h.get("x-linked-size"));
  const plainSize = res.status >= 200 && res.status < 300 ? intHeader(h.get("content-length")) : undefined;
  return { size: linkedSize ?? plainSize, sha256: unquote(h.get("x-linked-etag")), commit: h.get("x-repo-commit")?.trim() || undefined };
}

/** The SHA256 of a local file, streamed; and its size. */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GgufError(code === "ENOENT" ? "not-found" : "unreachable", path, code === "ENOENT" ? "no such file" : `cannot read (${code ?? "error"})`);
  }
  return { sha256: hash.digest("hex"), size };
}

/** `name-00001-of-00003.gguf` → { part: 1, count: 3 }; undefined for a single-file model. */
export function splitPart(filename: string): { part: number; count: number } | undefined {
  const m = /-(\d{5})-of-(\d{5})\.gguf$/i.exec(filename);
  return m ? { part: Number(m[1]), count: Number(m[2]) } : undefined;
}
