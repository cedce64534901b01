import type { Problem } from "@llmchart/schema";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Results of `llmchart check`, one JSON file per entry, keyed by a hash of everything the result
 * depends on — for a rendered model: the tool (version and build), the helm binary, the chart
 * files, the config, the values file, release and namespace. A fresh entry means the work (helm,
 * a lint, a validation) is not done again; any input change gives a new key, so entries never go
 * stale. Without a folder (`--no-cache`) every lookup misses and nothing is written.
 */
export class RenderCache {
  /** `warn` gets one line when the folder cannot be created; the cache is then off for this run. */
  constructor(
    private dir: string | undefined,
    private readonly warn: (line: string) => void = () => {},
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
        try {
          makeDirs(this.dir);
        } catch (err) {
          this.warn(`cannot create the cache folder ${this.dir} (${(err as NodeJS.ErrnoException).code ?? String(err)}): caching is off for this run`);
          this.dir = undefined;
          return;
        }
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
 * `mkdir -p` one level at a time. Node 20's `mkdirSync(dir, { recursive: true })` never returns
 * for a path under /proc (mkdir there says ENOENT for a parent that exists, and Node retries the
 * parent forever at 100 % CPU), so it is not used for a folder the user names.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      statSync(d);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT" || dirname(d) === d) throw err;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      // Another process made it meanwhile.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
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

/** Hex SHA-256 of some bytes (how the cache remembers the content of a generated file). */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hash of every file under `dir` (paths and contents, sorted): the chart as helm will read it. */
export function hashTree(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string, rel: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      h.update(`missing:${rel}\0`);
      return;
    }
    for (const e of entries) {
      const abs = join(d, e);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs, `${rel}/${e}`);
      else {
        h.update(`${rel}/${e}\0`);
        h.update(readFileSync(abs));
        h.update("\0");
      }
    }
  };
  walk(dir, "");
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
