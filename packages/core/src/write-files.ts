import { isGenerated, type GeneratedFile } from "@llmchart/schema";
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { join, posix } from "node:path";
import { processAlive, refuseReadOnly, tempFileOwner, writeFileAtomic } from "./atomic.js";
import { InputError } from "./errors.js";
import { describeFsError } from "./files.js";
import { LineEndingPolicy, withLineEnding } from "./line-endings.js";
import { assertGeneratedTarget, assertInsideRepo } from "./safe-path.js";


/** A file to write: repo-relative `/`-separated path and its full content (the shape every generator returns). */
export type FileToWrite = GeneratedFile;

export type DriftKind = "missing" | "changed" | "stale";

/** A file on disk that differs from what the generators produce. */
export interface Drift {
  path: string;
  kind: DriftKind;
  /** For `changed`: the first line (1-based) where disk and generator differ. */
  line?: number;
}

export interface WriteOptions {
  /** Absolute directory the paths are relative to (the repository root). */
  root: string;
  /**
   * Repo-relative directories the generators own completely: a file in them that no generator
   * produces is stale (deleted when it carries the marker) or hand-written (reported, kept).
   */
  owned: readonly string[];
  /** Write nothing; only report. */
  check?: boolean;
  /**
   * Root-relative paths of hand-written files (no generated header) that may be replaced: the
   * explicit take-over of `llmchart init` / `render --adopt`. Any other hand-written file where a
   * generated one belongs is reported in `handWritten` and left exactly as it is.
   */
  adopt?: ReadonlySet<string>;
}

export interface WriteResult {
  /** Missing, changed and stale files, sorted by path. Without `check` they have been fixed. */
  drift: Drift[];
  /**
   * Files without the marker where render writes (a generated path) or in an owned directory.
   * Never overwritten, never deleted.
   */
  handWritten: string[];
  /** Hand-written files at generated paths that were (or, with `check`, would be) taken over through `adopt`. */
  adopted: { path: string; before: string; after: string }[];
  /** Files already up to date: not rewritten, so their mtime is untouched. */
  unchanged: string[];
  /** Every generated file with the content it has (or, with `check`, would have) on disk: the repository's line endings applied. */
  files: FileToWrite[];
}

/** A repo-relative path, normalised; throws for anything that could escape the root. */
function checkedPath(path: string, what: string): string {
  const p = posix.normalize(path).replace(/\/+$/, "");
  if (!p || p === "." || posix.isAbsolute(p) || p === ".." || p.startsWith("../") || path.includes("\\")) {
    throw new Error(`${what} must be a relative path inside the repository, got "${path}"`);
  }
  return p;
}

function readIfFile(abs: string, shown: string): Buffer | undefined {
  try {
    const st = lstatSync(abs);
    if (st.isDirectory()) throw new InputError(shown, "is a directory where a generated file belongs");
    return readFileSync(abs);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError(shown, describeFsError(err));
  }
}

function firstDifferentLine(current: string, wanted: string): number {
  const a = current.split(/\r?\n/);
  const b = wanted.split(/\r?\n/);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i + 1;
  return 1;
}

/** Every regular file and symlink under `dir` (repo-relative paths), deepest first per folder. */
function listFiles(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw new InputError(dir, describeFsError(err));
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

/** Removes directories under `dir` (not `dir` itself) that deleting stale files left empty. */
function pruneEmptyDirs(root: string, dir: string, isOwnedRoot: boolean): boolean {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return false;
  }
  let empty = true;
  for (const e of entries) {
    if (e.isDirectory() && pruneEmptyDirs(root, `${dir}/${e.name}`, false)) continue;
    empty = false;
  }
  if (empty && !isOwnedRoot) {
    try {
      rmdirSync(join(root, dir));
    } catch {
      return false; // a concurrent render wrote into it, or no permission: an empty folder does no harm
    }
    return true;
  }
  return false;
}

/** A file render would write (missing, changed or adopted), with its final content. */
interface PlannedWrite {
  path: string;
  abs: string;
  content: string;
}

/** What comparing the generators' files with the disk came to, before anything is written. */
interface FilePlan {
  writes: PlannedWrite[];
  drift: Drift[];
  unchanged: string[];
  handWritten: string[];
  adopted: WriteResult["adopted"];
  /** Every generated file with the content it has (or would have) on disk. */
  files: FileToWrite[];
}

/**
 * Compares each generated file with the disk. Its content gets the line endings the repository
 * gives that path (LineEndingPolicy: the file it replaces, else the files beside it, else
 * `.gitattributes`, else LF), all decided before anything is written; so `render --check`
 * compares with the file as render would write it, and a CRLF checkout of an LF file is no drift.
 */
function planFiles(wanted: Map<string, string>, options: WriteOptions): FilePlan {
  const { root } = options;
  const policy = new LineEndingPolicy(root);
  const plan: FilePlan = { writes: [], drift: [], unchanged: [], handWritten: [], adopted: [], files: [] };
  const checkedDirs = new Set<string>();
  for (const [path, generated] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const abs = join(root, path);
    assertGeneratedTarget(root, abs, path, checkedDirs);
    const current = readIfFile(abs, path);
    const content = withLineEnding(generated, policy.for(path, current ?? null));
    plan.files.push({ path, content });
    if (current && current.equals(Buffer.from(content, "utf8"))) {
      plan.unchanged.push(path);
      continue;
    }
    if (current && !isGenerated(current)) {
      // A person's file where a generated one belongs: only an explicit take-over replaces it.
      if (!options.adopt?.has(path)) {
        plan.handWritten.push(path);
        continue;
      }
      plan.adopted.push({ path, before: current.toString("utf8"), after: content });
    } else {
      plan.drift.push(current ? { path, kind: "changed", line: firstDifferentLine(current.toString("utf8"), content) } : { path, kind: "missing" });
    }
    plan.writes.push({ path, abs, content });
  }
  return plan;
}

/** Stale generated files in the owned folders (to delete) and hand-written ones there (reported). */
function planStale(root: string, owned: readonly string[], wanted: ReadonlyMap<string, string>, check: boolean): { stale: string[]; handWritten: string[] } {
  const stale: string[] = [];
  const handWritten: string[] = [];
  const seen = new Set<string>();
  for (const dir of owned) {
    // Stale files are deleted here: the folder must not lead out of the repository.
    assertInsideRepo(root, join(root, dir), dir);
    for (const path of listFiles(root, dir)) {
      if (wanted.has(path) || seen.has(path)) continue;
      seen.add(path);
      const kind = classifyExtra(root, path, check);
      if (kind === "stale") stale.push(path);
      else if (kind === "hand-written") handWritten.push(path);
    }
  }
  return { stale, handWritten };
}

/**
 * What a file in an owned folder that no generator produces is: a writeFileAtomic temporary file
 * (a concurrent render's is left alone, a killed one's removed unless `check`), gone meanwhile,
 * a stale generated file, or a person's.
 */
function classifyExtra(root: string, path: string, check: boolean): "temporary" | "gone" | "stale" | "hand-written" {
  const abs = join(root, path);
  const owner = tempFileOwner(posix.basename(path));
  if (owner !== undefined) {
    if (!check && !processAlive(owner)) {
      try {
        rmSync(abs, { force: true });
      } catch {
        // left for a later render
      }
    }
    return "temporary";
  }
  try {
    const st = lstatSync(abs);
    // A symlink is never ours: generators only write regular files.
    return st.isFile() && isGenerated(readFileSync(abs)) ? "stale" : "hand-written";
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "gone"; // deleted meanwhile (a concurrent render)
    throw new InputError(path, describeFsError(err));
  }
}

function writeOne(root: string, w: PlannedWrite): void {
  const write = () => {
    mkdirSync(join(root, posix.dirname(w.path)), { recursive: true });
    writeFileAtomic(w.abs, w.content);
  };
  try {
    try {
      write();
    } catch (err) {
      // A concurrent render may prune a folder it found empty between our mkdir and write: once more.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      write();
    }
  } catch (err) {
    throw new InputError(w.path, `cannot write: ${describeFsError(err)}`);
  }
}

/**
 * Brings the files on disk in line with what the generators produced. Each changed or
 * missing file is written atomically (temporary file in the same folder, then rename) with the
 * repository's line endings and the mode of the file it replaces, an unchanged one is not
 * touched at all, and a stale generated file in an owned directory is deleted. With `check`,
 * nothing is written and the same differences are only reported. Filesystem failures become an
 * InputError naming the file, and so does a write that would leave the repository (a folder that
 * is a symlink leading outside, or a symlink where a generated file belongs: docs/guarantees.md)
 * and a read-only file to replace or delete — every target is checked before the first write, so
 * a refusal writes nothing. writeFileAtomic's temporary files are neither hand-written nor stale;
 * those whose process is gone are removed. Safe to run concurrently.
 */
export function writeGeneratedFiles(files: readonly FileToWrite[], options: WriteOptions): WriteResult {
  const { root, check = false } = options;
  const wanted = new Map<string, string>();
  for (const f of files) {
    const p = checkedPath(f.path, "a generated file");
    if (wanted.has(p)) throw new Error(`two generators produce ${p}`);
    wanted.set(p, f.content);
  }
  const owned = [...new Set(options.owned.map((d) => checkedPath(d, "an owned directory")))].sort();
  const plan = planFiles(wanted, options);
  const extra = planStale(root, owned, wanted, check);
  const drift = [...plan.drift, ...extra.stale.map((path): Drift => ({ path, kind: "stale" }))];
  if (!check) {
    for (const w of plan.writes) refuseReadOnly(w.abs, w.path);
    for (const path of extra.stale) refuseReadOnly(join(root, path), path);
    for (const w of plan.writes) writeOne(root, w);
    for (const path of extra.stale) {
      try {
        unlinkSync(join(root, path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new InputError(path, `cannot delete: ${describeFsError(err)}`);
      }
    }
    for (const dir of owned) pruneEmptyDirs(root, dir, true);
  }
  drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { drift, handWritten: [...plan.handWritten, ...extra.handWritten].sort(), unchanged: plan.unchanged, adopted: plan.adopted, files: plan.files };
}
