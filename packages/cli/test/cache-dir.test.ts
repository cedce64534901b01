import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin, layoutCopy, repoRoot } from "./helpers.js";

const bin = join(repoRoot, "packages", "cli", "bin", "llmchart.js");

describe("LLMCHART_CACHE_DIR that cannot be created", () => {
  // The built CLI in a child process: the bug was a synchronous endless loop, which would
  // freeze an in-process test; here the child is killed after 60 s and the test fails.
  it("turns the cache off with one warning line and still checks everything", () => {
    const dir = layoutCopy();
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", LLMCHART_HELM: helmBin };
    const cached = spawnSync(process.execPath, [bin, "check", "--format", "json"], { cwd: dir, env: { ...env, LLMCHART_CACHE_DIR: "/proc/llmchart-no-such/cache" }, encoding: "utf8", timeout: 60_000 });
    expect(cached.signal).toBeNull();
    const warnings = cached.stderr.split("\n").filter((l) => l.includes("cache"));
    expect(warnings).toEqual(["llmchart: warning: cache folder /proc/llmchart-no-such/cache cannot be used (ENOENT); continuing without a cache"]);
    const uncached = spawnSync(process.execPath, [bin, "check", "--format", "json", "--no-cache"], { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
    expect(cached.status).toBe(uncached.status);
    expect(cached.stdout).toBe(uncached.stdout);
  });
});
