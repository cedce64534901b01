import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

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
 * folder, flush it, then rename it over the target (atomic on POSIX file systems).
 */
export function writeFileAtomic(path: string, content: string, mode = 0o644): void {
  const tmp = writeTemp(path, content, mode);
  try {
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
