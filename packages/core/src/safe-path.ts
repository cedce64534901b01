import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { InputError } from "./errors.js";

/**
 * Where llmchart may write. The rule (docs/guarantees.md): every write lands inside the
 * repository root (the working directory) after symbolic links are resolved. Reading follows
 * symlinks freely (a values file may be a link); writing never goes through a link that leads
 * out of the repository, and generated files are only ever regular files.
 */

/** Whether `path` is `root` or below it (both absolute and already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException)?.code;
}

/** The real path of `abs`: symlinks resolved for the part that exists, the missing rest appended. */
export function realPathOfExisting(abs: string): string {
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return join(realpathSync(cur), ...rest);
    } catch (err) {
      if (code(err) !== "ENOENT" && code(err) !== "ENOTDIR") throw err;
    }
    const parent = dirname(cur);
    if (parent === cur) return abs;
    rest.unshift(basename(cur));
    cur = parent;
  }
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Throws an InputError naming `shown` when writing at `abs` (or creating the folders above it)
 * would land outside `root` once symlinks are resolved.
 */
export function assertInsideRepo(root: string, abs: string, shown: string): void {
  let real: string;
  try {
    real = realPathOfExisting(abs);
  } catch (err) {
    throw new InputError(shown, `cannot resolve the path: ${code(err) === "ELOOP" ? "too many levels of symbolic links" : (err as Error).message}`);
  }
  if (!isInside(realRoot(root), real)) {
    throw new InputError(shown, `refusing to write outside the repository: the path leads to ${real} through a symbolic link`);
  }
}

/**
 * Checks a generated file's place before it is written or deleted: inside the repository
 * after resolving the folders above it, and not itself a symbolic link. `checkedDirs` spares
 * resolving the same folder again for its next file.
 */
export function assertGeneratedTarget(root: string, abs: string, shown: string, checkedDirs?: Set<string>): void {
  const dir = dirname(abs);
  if (!checkedDirs?.has(dir)) {
    assertInsideRepo(root, dir, shown);
    checkedDirs?.add(dir);
  }
  let isLink = false;
  try {
    isLink = lstatSync(abs).isSymbolicLink();
  } catch {
    // missing: fine, it will be created
  }
  if (isLink) throw new InputError(shown, "is a symbolic link; generated files are written only as regular files (remove the link)");
}

/**
 * The file to write when editing `abs` in place (rotate, lint --fix): its real path, so a
 * symlinked values file keeps its link and the file it points to is replaced. A file named
 * below `root` must also resolve below it; a file the user named outside the repository is
 * theirs to edit.
 */
export function editTarget(root: string, abs: string, shown: string): string {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    throw new InputError(shown, `cannot resolve the path: ${code(err) === "ELOOP" ? "too many levels of symbolic links" : code(err) === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  if (isInside(root, abs) && !isInside(realRoot(root), real)) {
    throw new InputError(shown, `refusing to write outside the repository: the file is a symbolic link to ${real}`);
  }
  return real;
}
