import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CACHE_LIMITS, RenderCache } from "../src/check/cache.js";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "llmchart-cache-prune-"));
  made.push(d);
  return d;
}

const DAY = 24 * 60 * 60 * 1000;
const key = (n: number) => RenderCache.key([`entry ${n}`]);
/** Sets a file's mtime to `daysAgo` days before `now`. */
function age(path: string, now: number, daysAgo: number): void {
  const t = new Date(now - daysAgo * DAY);
  utimesSync(path, t, t);
}

describe("the check cache's folder", () => {
  it("keeps its entries one folder down, which git ignores as a whole, and tags itself as a cache", () => {
    const repo = tempDir();
    spawnSync("git", ["init", "-q", repo]);
    const dir = join(repo, ".llmchart-cache");
    const cache = new RenderCache(dir);
    for (let i = 0; i < 5; i++) cache.set(key(i), []);
    expect(readdirSync(join(dir, "entries")).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${key(i)}.json`).sort());
    expect(readFileSync(join(dir, "CACHEDIR.TAG"), "utf8")).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    // git sees the folder's own files and the entries folder, never the entries one by one …
    const ignored = spawnSync("git", ["status", "--porcelain", "--untracked-files=all", "--ignored=matching"], { cwd: repo, encoding: "utf8" }).stdout;
    expect(ignored.split("\n").filter(Boolean).sort()).toEqual(["!! .llmchart-cache/.gitignore", "!! .llmchart-cache/CACHEDIR.TAG", "!! .llmchart-cache/entries/"]);
    // … so the untracked scan check --changed runs visits as many paths with 50 entries as with 5
    // (git's trace2 counts them).
    const visited = () => {
      const r = spawnSync("git", ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"], { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_TRACE2_PERF: "1" } });
      expect(r.stdout).toBe("");
      return /paths-visited:(\d+)/.exec(r.stderr)?.[1];
    };
    const few = visited();
    expect(few).toMatch(/^\d+$/);
    for (let i = 5; i < 50; i++) cache.set(key(i), []);
    expect(visited()).toBe(few);
  });

  it("drops entries unused for a month, and marks an entry used when it is read", () => {
    const dir = tempDir();
    const cache = new RenderCache(dir);
    const now = Date.now();
    for (let i = 0; i < 4; i++) cache.set(key(i), []);
    const path = (i: number) => join(dir, "entries", `${key(i)}.json`);
    age(path(0), now, 40);
    age(path(1), now, 40);
    age(path(2), now, 20);
    // Reading entry 1 makes it young again (it is older than a day), so it stays.
    expect(cache.get(key(1))).toEqual([]);
    expect(now - statSync(path(1)).mtimeMs).toBeLessThan(DAY);
    // A read of a young entry leaves its mtime alone (no write per hit).
    const before = statSync(path(3)).mtimeMs;
    expect(cache.get(key(3))).toEqual([]);
    expect(statSync(path(3)).mtimeMs).toBe(before);
    expect(cache.prune(now)).toEqual({ removed: 1, kept: 3, bytes: 3 * '{"problems":[]}'.length });
    expect(existsSync(path(0))).toBe(false);
    expect([1, 2, 3].every((i) => existsSync(path(i)))).toBe(true);
  });

  it("removes the least recently used entries beyond the size budget, down to 80 % of it", () => {
    const dir = tempDir();
    const size = 1000;
    const cache = new RenderCache(dir, { ...CACHE_LIMITS, maxBytes: 10 * size });
    const now = Date.now();
    const text = "x".repeat(size - '{"problems":[],"pad":""}'.length);
    for (let i = 0; i < 12; i++) {
      cache.write(key(i), { problems: [], pad: text });
      age(join(dir, "entries", `${key(i)}.json`), now, 12 - i); // entry 0 is the oldest
    }
    expect(statSync(join(dir, "entries", `${key(0)}.json`)).size).toBe(size);
    expect(cache.prune(now)).toEqual({ removed: 4, kept: 8, bytes: 8 * size });
    expect(readdirSync(join(dir, "entries")).sort()).toEqual([4, 5, 6, 7, 8, 9, 10, 11].map((i) => `${key(i)}.json`).sort());
    // Under the budget, nothing more goes.
    expect(cache.prune(now).removed).toBe(0);
  });

  it("removes entries of the earlier flat layout and dead temporary files, and nothing that is not its own", () => {
    const dir = tempDir();
    const cache = new RenderCache(dir);
    cache.set(key(1), []);
    const now = Date.now();
    writeFileSync(join(dir, `${key(2)}.json`), "{}"); // the layout before entries/
    const deadTmp = join(dir, "entries", `${key(3)}.json.4242.tmp`);
    const liveTmp = join(dir, "entries", `${key(4)}.json.4243.tmp`);
    writeFileSync(deadTmp, "{");
    age(deadTmp, now, 1);
    writeFileSync(liveTmp, "{");
    const foreign = ["notes.json", "backup.tar", join("entries", "README"), join("entries", "keep.json")];
    mkdirSync(join(dir, "sub"));
    for (const f of foreign) writeFileSync(join(dir, f), "mine");
    for (const f of foreign) age(join(dir, f), now, 400);
    expect(cache.prune(now).removed).toBe(2);
    expect(existsSync(join(dir, `${key(2)}.json`))).toBe(false);
    expect(existsSync(deadTmp)).toBe(false);
    expect(existsSync(liveTmp)).toBe(true);
    for (const f of foreign) expect(readFileSync(join(dir, f), "utf8")).toBe("mine");
    expect(cache.get(key(1))).toEqual([]);
  });

  it("prunes at most once a day, and not at all without a folder", () => {
    const dir = tempDir();
    const cache = new RenderCache(dir);
    const now = Date.now();
    expect(cache.pruneIfDue(now)).toBeUndefined(); // nothing written yet
    cache.set(key(1), []);
    age(join(dir, "entries", `${key(1)}.json`), now, 40);
    expect(cache.pruneIfDue(now)).toEqual({ removed: 1, kept: 0, bytes: 0 });
    cache.set(key(2), []);
    age(join(dir, "entries", `${key(2)}.json`), now, 40);
    expect(cache.pruneIfDue(now + DAY / 2)).toBeUndefined();
    expect(existsSync(join(dir, "entries", `${key(2)}.json`))).toBe(true);
    expect(cache.pruneIfDue(now + DAY + 1)?.removed).toBe(1);
    expect(new RenderCache(undefined).pruneIfDue(now)).toBeUndefined();
    expect(new RenderCache(undefined).prune(now)).toEqual({ removed: 0, kept: 0, bytes: 0 });
  });
});
