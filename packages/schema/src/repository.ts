import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

// Which files llmchart may read into its output (docs/guarantees.md, io/outside-repository): only
// files of the repository the project lives in. A values or config file that is a symbolic link
// to a file elsewhere (~/.git-credentials, /etc/…, the repository's own .git/config holding a CI
// token) is refused, unread, wherever it is read: lint, check, render, diff, init, the editor.
// Node built-ins only: check's early start loads this before anything else.

/** Whether `path` is `root` or below it (both absolute, compared as given). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const repositories = new Map<string, string>();

/**
 * The repository of a project: the git work tree's top (the nearest folder up from `root`
 * holding `.git`, as git finds it), else `root` itself. Remembered per root.
 */
export function repositoryOf(root: string): string {
  const start = resolve(root);
  let found = repositories.get(start);
  if (found !== undefined) return found;
  found = start;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) {
      found = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  repositories.set(start, found);
  return found;
}

function real(path: string): string | undefined {
  try {
    // The system's realpath(3): one call, where the JavaScript version lstat()s every component
    // of the path (and this runs for every values file, twice in a lint).
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether reading `abs` would read a file outside the repository of `root`: `abs` is named
 * inside the repository, but once symbolic links are resolved it lies outside it, or inside its
 * `.git` folder (a clone's `.git/config` may hold a token). A file the user named outside the
 * repository is theirs to read; one that does not exist is left to the read to report.
 */
export function leadsOutsideRepository(root: string, abs: string): boolean {
  const repository = repositoryOf(root);
  if (!isInside(repository, abs)) return false;
  const target = real(abs);
  if (target === undefined) return false;
  const realRepository = real(repository) ?? repository;
  return !isInside(realRepository, target) || isInside(join(realRepository, ".git"), target);
}

/** The message of an `io/outside-repository` refusal (without the file name); never names the target. */
export const OUTSIDE_REPOSITORY_MESSAGE =
  "is a symbolic link that points outside the repository (or into its .git folder); llmchart does not read it — put the file itself in the repository instead of a link";
