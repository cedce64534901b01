import type { Problem } from "@llmchart/schema";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../atomic.js";

/**
 * Results of rendering one model, keyed by a hash of everything the result depends on (tool
 * version, helm binary, chart files, config, values file, release and namespace). A fresh entry
 * means helm is not run again; any input change gives a new key, so entries never go stale.
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

  get(key: string): Problem[] | undefined {
    if (!this.dir) return undefined;
    try {
      const data = JSON.parse(readFileSync(join(this.dir, `${key}.json`), "utf8")) as { problems?: unknown };
      return Array.isArray(data.problems) ? (data.problems as Problem[]) : undefined;
    } catch {
      return undefined; // missing or unreadable entries are simply misses
    }
  }

  set(key: string, problems: readonly Problem[]): void {
    if (!this.dir) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify({ problems }));
    } catch {
      // A cache that cannot be written (read-only checkout) only costs speed.
    }
  }
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
