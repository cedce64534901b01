import type { CleanDocument, DocumentMemo } from "@llmchart/manifests";
import type { Problem } from "@llmchart/schema";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The entries sit one folder below the cache folder, whose .gitignore ignores everything: git then
 * ignores `entries/` as a whole instead of matching every file in it, so `git status` (which
 * `check --changed` runs) costs the same with 100,000 entries as with none.
 */
const ENTRIES = "entries";
const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;
const TEMP_NAME = /^[0-9a-f]{64}\.json\.\d+\.tmp$/;
const DAY = 24 * 60 * 60 * 1000;

/** How big and how old the cache may grow (see RenderCache.prune). */
export interface CacheLimits {
  /** Entries beyond this many bytes in all are removed, least recently used first, down to 80 % of it. */
  maxBytes: number;
  /** Entries not used for this long are removed. */
  maxAgeMs: number;
  /** A used entry older than this is marked used again (its mtime), so the oldest are the least recently used. */
  refreshAfterMs: number;
  /** pruneIfDue prunes at most this often. */
  pruneEveryMs: number;
}

export const CACHE_LIMITS: CacheLimits = { maxBytes: 256 * 1024 * 1024, maxAgeMs: 30 * DAY, refreshAfterMs: DAY, pruneEveryMs: DAY };

/** What a prune did. */
export interface PruneResult {
  removed: number;
  kept: number;
  /** Bytes the kept entries take. */
  bytes: number;
}

/** The standard tag (https://bford.info/cachedir/) that tells backup tools to skip a cache folder. */
const CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by llmchart check: cached results, safe to delete.\n";

/**
 * Results of `llmchart check`, one JSON file per entry, keyed by a hash of everything the result
 * depends on — for a rendered model: the tool (version and build), the helm binary, the chart
 * files, the config, the values file, release and namespace. A fresh entry means the work (helm,
 * a lint, a validation) is not done again; any input change gives a new key, so entries never go
 * stale, and the folder is kept small by pruning the least recently used ones (pruneIfDue).
 * Without a folder (`--no-cache`) every lookup misses and nothing is written.
 */
export class RenderCache {
  constructor(
    private readonly dir: string | undefined,
    private readonly limits: CacheLimits = CACHE_LIMITS,
  ) {}

  static key(parts: readonly (string | Buffer)[]): string {
    const h = createHash("sha256");
    for (const p of parts) {
      h.update(String(p.length));
      h.update("\0");
      h.update(p);
    }
    return h.digest("hex");
  }

  /** The problems stored under `key`, or undefined on a miss. */
  get(key: string): Problem[] | undefined {
    const data = this.read(key) as { problems?: unknown } | undefined;
    return Array.isArray(data?.problems) ? (data.problems as Problem[]) : undefined;
  }

  set(key: string, problems: readonly Problem[]): void {
    this.write(key, { problems });
  }

  /** The JSON object stored under `key`; callers check its shape. */
  read(key: string): Record<string, unknown> | undefined {
    if (!this.dir) return undefined;
    const path = join(this.dir, ENTRIES, `${key}.json`);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, "utf8")) as unknown;
    } catch {
      return undefined; // missing or unreadable entries are simply misses
    }
    this.markUsed(path);
    return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  }

  /** An entry used again is young again for pruning (touched at most once per refresh period). */
  private markUsed(path: string): void {
    try {
      const now = Date.now();
      if (now - statSync(path).mtimeMs > this.limits.refreshAfterMs) utimesSync(path, new Date(now), new Date(now));
    } catch {
      // read-only or gone meanwhile: it is only a hint
    }
  }

  write(key: string, data: Record<string, unknown>): void {
    if (!this.dir) return;
    try {
      if (!this.made) {
        makeDirs(join(this.dir, ENTRIES));
        // The folder ignores itself, so git never lists its entries as untracked (check --changed
        // asks git), and tells backup tools it is a cache.
        for (const [name, text] of [
          [".gitignore", "# created by llmchart check: cached results, safe to delete\n*\n"],
          ["CACHEDIR.TAG", CACHEDIR_TAG],
        ] as const) {
          try {
            writeFileSync(join(this.dir, name), text, { flag: "wx" });
          } catch {
            // already there (or someone else's): either way, leave it
          }
        }
      }
      this.made = true;
      writeEntry(join(this.dir, ENTRIES, `${key}.json`), JSON.stringify(data));
    } catch {
      // A cache that cannot be written (read-only checkout) only costs speed.
    }
  }

  private made = false;

  /**
   * Removes what the cache no longer needs: entries unused for `maxAgeMs`, then the least
   * recently used ones while all of them take more than `maxBytes` (down to 80 % of it), entries
   * of the earlier flat layout (their keys name an older build, so they can never be used), and
   * temporary files of writes that died more than an hour ago. Only files named as llmchart names
   * them are ever removed: a cache folder shared with other files loses none of those.
   */
  prune(now = Date.now()): PruneResult {
    const result: PruneResult = { removed: 0, kept: 0, bytes: 0 };
    if (!this.dir) return result;
    const remove = (path: string) => {
      try {
        rmSync(path, { force: true });
        result.removed++;
      } catch {
        // someone else's file mode: leave it
      }
    };
    for (const name of listNames(this.dir)) if (ENTRY_NAME.test(name)) remove(join(this.dir, name));
    const entries: { path: string; used: number; size: number }[] = [];
    for (const name of listNames(join(this.dir, ENTRIES))) {
      const path = join(this.dir, ENTRIES, name);
      try {
        const st = statSync(path);
        if (TEMP_NAME.test(name)) {
          if (now - st.mtimeMs > 60 * 60 * 1000) remove(path);
        } else if (ENTRY_NAME.test(name) && st.isFile()) {
          if (now - st.mtimeMs > this.limits.maxAgeMs) remove(path);
          else entries.push({ path, used: st.mtimeMs, size: st.size });
        }
      } catch {
        // gone meanwhile
      }
    }
    entries.sort((a, b) => b.used - a.used);
    let bytes = entries.reduce((sum, e) => sum + e.size, 0);
    if (bytes > this.limits.maxBytes) {
      while (entries.length && bytes > this.limits.maxBytes * 0.8) {
        const oldest = entries.pop();
        if (!oldest) break;
        remove(oldest.path);
        bytes -= oldest.size;
      }
    }
    result.kept = entries.length;
    result.bytes = bytes;
    return result;
  }

  /**
   * prune(), at most once per `pruneEveryMs` for this folder (the mtime of its `last-prune`
   * file), so a run pays for listing the entries about once a day. Returns undefined when it was
   * not due.
   */
  pruneIfDue(now = Date.now()): PruneResult | undefined {
    if (!this.dir || !existsSync(join(this.dir, ENTRIES))) return undefined;
    const marker = join(this.dir, "last-prune");
    try {
      if (now - statSync(marker).mtimeMs < this.limits.pruneEveryMs) return undefined;
    } catch {
      // never pruned
    }
    try {
      writeFileSync(marker, "");
      utimesSync(marker, new Date(now), new Date(now));
    } catch {
      return undefined; // cannot record it: do not prune on every run instead
    }
    return this.prune(now);
  }
}

/** The names in a folder, none when it cannot be read. */
function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Temporary file + rename, like writeFileAtomic but without fsync: a reader never sees half an
 * entry, and an entry a crash leaves empty or cut short is unreadable JSON, which is a miss.
 * (A cold check writes one entry per model; flushing each to disk would cost more than it saves.)
 */
function writeEntry(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdirSync never returns for some paths that
 * cannot be created (it loops under /proc), so each missing level is created on its own and
 * the first failure ends it.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let cur = resolve(dir);
  while (!existsSync(cur)) {
    missing.push(cur);
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
}

/**
 * The cache in `dir`, or a disabled one (every lookup misses) when the folder cannot be
 * created or written: `warn` gets one line saying so. A cache only ever costs speed.
 */
export function openCache(dir: string, warn: (message: string) => void): RenderCache {
  try {
    makeDirs(dir);
    accessSync(dir, constants.W_OK);
    return new RenderCache(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    warn(`cache folder ${dir} cannot be used (${code ?? (err as Error).message}); continuing without a cache`);
    return new RenderCache(undefined);
  }
}

/** The cache folder of a project at `root`: LLMCHART_CACHE_DIR (relative to root) or `<root>/.llmchart-cache`. */
export function cacheDirFor(root: string, env: Record<string, string | undefined>): string {
  return env.LLMCHART_CACHE_DIR ? resolve(root, env.LLMCHART_CACHE_DIR) : join(root, ".llmchart-cache");
}

/** Hex SHA-256 of some bytes (how the cache remembers the content of a generated file). */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hash of every file under `dir` (paths and contents, sorted): the chart as helm will read it. */
export function hashTree(dir: string): string {
  const h = createHash("sha256");
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  } catch {
    return h.update("missing").digest("hex");
  }
  for (const rel of entries) {
    const abs = join(dir, rel);
    let data: Buffer;
    try {
      if (!statSync(abs).isFile()) continue;
      data = readFileSync(abs);
    } catch {
      h.update(`unreadable:${rel}\0`);
      continue;
    }
    h.update(`${rel.split("\\").join("/")}\0`);
    h.update(data);
    h.update("\0");
  }
  return h.digest("hex");
}

/** What identifies a helm binary without running it: path, size and modification time. */
export function helmIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `${path}:${st.size}:${st.mtimeMs}`;
  } catch {
    return `${path}:missing`;
  }
}

/** The cache as the rendered-manifest store `@llmchart/diff` reuses (helm output by input hash). */
export function renderStore(cache: RenderCache): { get(key: string): string | undefined; set(key: string, manifests: string): void } {
  return {
    get: (key) => {
      const m = cache.read(key)?.manifests;
      return typeof m === "string" ? m : undefined;
    },
    set: (key, manifests) => {
      cache.write(key, { manifests });
    },
  };
}

/**
 * The cache as the memo of a model's clean rendered documents (`validateRendered`), kept under
 * the values file's path: a re-check after an edit validates only the documents the edit
 * changed. `save()` replaces the entry with what this render found clean, so it never grows.
 */
export function documentMemo(cache: RenderCache, tool: string, valuesPath: string): DocumentMemo & { save(): void } {
  const key = RenderCache.key([tool, "clean-documents", valuesPath]);
  const stored = cache.read(key)?.documents;
  const known = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, Partial<CleanDocument> | undefined>) : {};
  const now: Record<string, CleanDocument> = {};
  return {
    get(docKey) {
      const e = known[docKey];
      return e && typeof e.at === "number" && (e.id === null || typeof e.id === "string") ? { id: e.id, at: e.at } : undefined;
    },
    set(docKey, entry) {
      now[docKey] = entry;
    },
    save() {
      cache.write(key, { documents: now });
    },
  };
}
