import { readFileSync } from "node:fs";

let cached: string | undefined;
let identity: string | undefined;

/**
 * The CLI's own version, from its package.json, read once on demand. The compiled sources sit
 * one folder below the package root (dist/version.js), the bundle two (dist/bundle/llmchart.cjs).
 */
export function toolVersion(): string {
  if (cached === undefined) {
    for (const rel of ["../package.json", "../../package.json"]) {
      try {
        const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
        if (pkg.name === "llmchart" && typeof pkg.version === "string") {
          cached = pkg.version;
          break;
        }
      } catch {
        // not this level
      }
    }
    cached ??= "0.0.0";
  }
  return cached;
}

/**
 * What cached results are keyed by: the version plus, in the bundle, the hash of all the code it
 * was built from (`build-id` beside the bundle, written by scripts/bundle.mjs) — so a rule or
 * validator changed without a version bump never reads a result an older build cached.
 */
export function toolIdentity(): string {
  if (identity === undefined) {
    let build = "";
    try {
      build = readFileSync(new URL("./build-id", import.meta.url), "utf8").trim();
    } catch {
      // the compiled sources, unbundled (tests): the version alone
    }
    identity = build ? `${toolVersion()}+${build}` : toolVersion();
  }
  return identity;
}
