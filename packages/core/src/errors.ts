/**
 * `text` with line breaks and other control characters escaped (`\n`, `\u0007`), so a message
 * that quotes user input (a model name, a file name) stays on one line.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A mistake in how the command was called (unknown option, bad value). Exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Where in a file an input error is (1-based line and column). */
export interface InputPosition {
  line: number;
  column: number;
}

/**
 * Input that cannot be read at all (missing file, a directory, binary data, too large).
 * Exit code 2; the message is one line that names the file (`path: msg`), or the place in it
 * (`path:line:col: msg`) when the error has a position. `file` is the path alone; a consumer
 * that needs the position (the language server) reads `line` and `column`, never the message.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly line?: number;
  readonly column?: number;
  /** The message without the place it starts with (what to show at that place). */
  readonly detail: string;
  constructor(
    readonly file: string,
    message: string,
    position?: InputPosition,
  ) {
    super(`${oneLine(file)}${position ? `:${position.line}:${position.column}` : ""}: ${oneLine(message)}`);
    this.detail = oneLine(message);
    if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}

/**
 * A file named inside the repository that is a symbolic link leading outside it (or into its
 * `.git` folder): refused unread, as `io/outside-repository` (`leadsOutsideRepository`). Its
 * message names the link only, never the target.
 */
export class OutsideRepositoryError extends InputError {
  readonly ruleId = "io/outside-repository";
  constructor(
    file: string,
    /** The message without the file name, for the problem on the link. */
    readonly reason: string,
  ) {
    super(file, `${reason} (io/outside-repository)`);
  }
}

/** Several unreadable inputs at once, reported one line each. */
export class InputErrors extends Error {
  override readonly name = "InputErrors";
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}

/**
 * A git command failed. Carries git's own first line of stderr (`fatal: bad revision 'x'`), so
 * the user sees why, not a guess. Exit code 2.
 */
export class GitError extends Error {
  override readonly name = "GitError";
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    const first = stderr.split("\n").find((l) => l.trim()) ?? "git failed";
    super(`git ${args.join(" ")}: ${oneLine(first.trim())}`);
  }
}

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
