/** Why a header could not be read. Each is one line for the user, never a stack trace. */
export type GgufErrorCode =
  /** Not a GGUF file (bad magic, unsupported version) or a malformed header (absurd counts or lengths). */
  | "malformed"
  /** The header (or the tensor data it describes) runs past the end of the file. */
  | "truncated"
  /** Reading the header would take more bytes than the cap allows. */
  | "too-large"
  /** 401: the repository is gated or private and no token (or a refused one) was sent. */
  | "unauthorized"
  /** 403: the token's account has not been granted access (gated model terms not accepted). */
  | "forbidden"
  | "not-found"
  /** Another HTTP status. */
  | "http"
  /** The server answered a range request with the whole file (200), so it does not support ranges. */
  | "no-range"
  | "redirect-loop"
  | "timeout"
  /** Connection refused, DNS failure, TLS error, or a local file that cannot be opened. */
  | "unreachable";

/** A header that could not be read: `where` (a path or URL without credentials) and a one-line reason. */
export class GgufError extends Error {
  override readonly name = "GgufError";
  constructor(
    readonly code: GgufErrorCode,
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}
