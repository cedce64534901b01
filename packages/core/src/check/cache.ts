import type { CleanDocument, DocumentMemo } from "@llmchart/manifests";
import type { Problem } from "@llmchart/schema";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Results of `llmchart check`, one JSON file per entry, keyed by a hash of everything the result
 * depends on — for a rendered model: the tool (version and build), the helm binary, the chart
 * files, the config, the values file, release and namespace. A fresh entry means the work (helm,
 * a lint, a validation) is not done again; any input change gives a new key, so entries never go
 * stale. Without a folder (`--no-cache`) every lookup misses and nothing is written.
 */
export class RenderCache {
  constructor(private readonly dir: string | undefined) {}

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
    try {
      const data = JSON.parse(readFileSync(join(this.dir, `${key}.json`), "utf8")) as unknown;
      return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    } catch {
      return undefined; // missing or unreadable entries are simply misses
    }
  }

  write(key: string, data: Record<string, unknown>): void {
    if (!this.dir) return;
    try {
      if (!this.made) {
        makeDirs(this.dir);
        // The folder ignores itself, so git never lists its entries as untracked (check --changed asks git).
        try {
          writeFileSync(join(this.dir, ".gitignore"), "# created by llmchart check: cached results, safe to delete\n*\n", { flag: "wx" });
        } catch {
          // already there (or someone else's): either way, leave it
        }
      }
      this.made = true;
      writeEntry(join(this.dir, `${key}.json`), JSON.stringify(data));
    } catch {
      // A cache that cannot be written (read-only checkout) only costs speed.
    }
  }

  private made = false;
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
