import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { leadsOutsideRepository, OUTSIDE_REPOSITORY_MESSAGE } from "@llmchart/schema/repository";
import { InputError, OutsideRepositoryError } from "./errors.js";

// Reading a YAML file's text, with its checks and errors, and nothing that parses: what check's
// early start reads before the YAML library and the validators have loaded. files.ts parses.

/** Values files are small; anything larger is refused rather than parsed (hostile input). */
export const MAX_VALUES_BYTES = 1024 * 1024;

/** A path as shown to the user: relative to cwd when inside it, always with `/`. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : absolute;
  return shown.split(sep).join("/");
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * What readSourceFile reads, with the same checks and errors, without parsing: for callers
 * that may find the file's results in a cache keyed by its text. `path` is the shown path.
 * `cwd` is the project root: a file named inside its repository that is a symbolic link leading
 * out of it is refused before it is opened (OutsideRepositoryError, `io/outside-repository`).
 */
export function readSourceText(cwd: string, path: string, maxBytes = MAX_VALUES_BYTES): { path: string; text: string } {
  const abs = resolve(cwd, path);
  const shown = displayPath(cwd, abs);
  if (!/\.ya?ml$/i.test(abs)) throw new InputError(shown, "not a YAML file (expected .yaml or .yml)");
  if (leadsOutsideRepository(cwd, abs)) throw new OutsideRepositoryError(shown, OUTSIDE_REPOSITORY_MESSAGE);
  let fd: number;
  try {
    // Non-blocking: opening a FIFO named *.yaml must not wait forever for a writer (fstat refuses it next).
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(shown, describeFsError(err));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(shown, "is a directory, expected a YAML file");
    if (!st.isFile()) throw new InputError(shown, "is not a regular file");
    if (st.size > maxBytes) {
      throw new InputError(shown, `file is ${st.size} bytes, larger than the ${maxBytes}-byte limit for a values file`);
    }
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    const bytes = buf.subarray(0, off);
    if (bytes.includes(0)) throw new InputError(shown, "binary file (contains NUL bytes), expected YAML text");
    let text: string;
    try {
      // The decoder drops a leading BOM, so offsets and columns count from the first real character.
      text = utf8.decode(bytes);
    } catch {
      throw new InputError(shown, "not valid UTF-8 text");
    }
    return { path: shown, text };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(shown, describeFsError(err));
  } finally {
    closeSync(fd);
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, expected a YAML file";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return (err as Error)?.message?.split("\n")[0] ?? String(err);
  }
}
