#!/usr/bin/env node
// The training run behind the V8 code caches of dist/bundle (run by scripts/bundle.mjs): loads the
// bundle, runs the commands a pre-commit hook and CI run — lint, check, render --check — on the
// repository's own layout, in-process, quietly, without helm and with a throw-away cache folder,
// validates an empty object against every bundled Kubernetes kind, then stores the code caches,
// which now hold every function those runs compiled. Nothing in the repository is written.
// Outside this repository (no layout) only the start-up and the validators are trained.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import loader from "../bin/cached-script.cjs";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(pkgDir, "..", "..");
const bundle = loader.runCachedScript(join(pkgDir, "dist", "bundle", "llmchart.cjs"));
const cacheDir = mkdtempSync(join(tmpdir(), "llmchart-train-"));
const io = {
  cwd: repoRoot,
  env: { NO_COLOR: "1", PATH: "/nonexistent", LLMCHART_CACHE_DIR: cacheDir },
  stdout: () => {},
  stderr: () => {},
  isTTY: false,
};
try {
  if (existsSync(join(repoRoot, "llmchart.config.yaml"))) {
    // The second check finds its cache entries: the warm path is trained too.
    for (const argv of [["lint"], ["check", "--format", "json"], ["check"], ["render", "--check"]]) {
      await bundle.run(argv, io);
    }
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
const kinds = loader.runCachedScript(join(pkgDir, "dist", "bundle", "kinds.cjs"));
for (const load of Object.values(kinds)) {
  for (const model of Object.values(load())) {
    if (typeof model !== "function" || typeof model.kind !== "string") continue;
    try {
      new model({}).validate();
    } catch {
      // an empty object is invalid: what matters is that the validator ran
    }
  }
}
loader.writeCodeCaches();
console.log("code caches written");
