/**
 * Why a diff could not be computed at all. Every one of these is exit code 2 at the CLI (usage,
 * unknown revision, no helm, an unreadable base); `code` tells them apart, `message` is one line.
 */
export type DiffErrorCode = "usage" | "not-a-repository" | "unknown-revision" | "no-helm" | "unknown-model" | "base-config" | "git";

export class DiffError extends Error {
  override readonly name: string = "DiffError";
  /** What the CLI should exit with. */
  readonly exitCode = 2;
  constructor(
    readonly code: DiffErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `--base` names nothing git knows; `gitMessage` is git's own words (without "fatal: "). */
export class UnknownRevisionError extends DiffError {
  override readonly name = "UnknownRevisionError";
  constructor(
    readonly revision: string,
    readonly gitMessage: string,
  ) {
    super("unknown-revision", `unknown revision "${revision}": ${gitMessage}`);
  }
}
