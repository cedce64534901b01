import { chmodSync, closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./errors.js";

/**
 * The one policy for read-only files, in every command that writes (render, new, init, rotate,
 * lint --fix, hook install): a file whose permission bits allow nobody to write it is never
 * replaced or deleted. The command refuses with this message, before its first write, and writes
 * nothing. The bits decide, not access(2), so the answer is the same for root.
 */
export const READ_ONLY_MESSAGE = "is read-only: llmchart never replaces or deletes a read-only file; make it writable (chmod u+w) to let it — nothing was written";

/** The permission bits of the file at `path`, or undefined when there is none. */
function existingMode(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is a file no one may write (the read-only policy above). */
export function isReadOnlyFile(path: string): boolean {
  const mode = existingMode(path);
  return mode !== undefined && (mode & 0o222) === 0;
}

/** Throws the read-only refusal (an InputError naming `shown`) when `path` is a read-only file. */
export function refuseReadOnly(path: string, shown: string): void {
  if (isReadOnlyFile(path)) throw new InputError(shown, READ_ONLY_MESSAGE);
}

/**
 * Writes `content` to a new temporary file next to `path` (`.<name>.<pid>.<time>.tmp`), flushed
 * to disk, and returns its path. On failure nothing is left behind.
 */
function writeTemp(path: string, content: string, mode: number): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", mode);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    return tmp;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `content` to `path` so that readers (and a crash at any point) see either the old
 * file or the complete new one, never a truncated file: write a temporary file in the same
 * folder, flush it, then rename it over the target (atomic on POSIX file systems). The file
 * keeps its mode (new files get `mode`, default 0644, or the mode given); a read-only file is
 * refused (refuseReadOnly) — callers check every target before their first write, this is the
 * last guard.
 */
export function writeFileAtomic(path: string, content: string, mode?: number): void {
  refuseReadOnly(path, path);
  const kept = mode === undefined ? existingMode(path) : undefined;
  const tmp = writeTemp(path, content, mode ?? kept ?? 0o644);
  try {
    // The umask applies to a new file's mode; a replaced file keeps exactly the bits it had.
    if (kept !== undefined) chmodSync(tmp, kept);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Creates `path` with `content` unless it exists (EEXIST), as atomically as writeFileAtomic: the
 * content goes to a temporary file first, which is then hard-linked to `path` — link, unlike
 * rename, refuses to replace an existing file (or symlink), so creation is exclusive too.
 */
export function createFileAtomic(path: string, content: string, mode = 0o644): void {
  const tmp = writeTemp(path, content, mode);
  try {
    linkSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * The process id that wrote `name`, when `name` is a temporary file of writeFileAtomic
 * (`.<file>.<pid>.<time>.tmp`). Such a file outlives its writer only when that process was
 * killed between writing and renaming.
 */
export function tempFileOwner(name: string): number | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Whether a process with this id is running (a temporary file of a running writer is left alone). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
