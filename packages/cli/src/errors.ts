/** A mistake in how the command was called (unknown option, bad value). Exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Input that cannot be read at all (missing file, a directory, binary data, too large).
 * Exit code 2; the message is one line that names the file.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Several unreadable inputs at once, reported one line each. */
export class InputErrors extends Error {
  override readonly name = "InputErrors";
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
  }
}
