import { readFileSync } from "node:fs";

// Defined by scripts/bundle.mjs in the bundle; undeclared (typeof "undefined") when the
// compiled sources run unbundled, e.g. in tests.
declare const __LLMCHART_VERSION__: string | undefined;
declare const __LLMCHART_BUILD_ID__: string | undefined;

let cached: string | undefined;

/** The CLI's own version (package.json), read once on demand. */
export function toolVersion(): string {
  if (cached === undefined) {
    if (typeof __LLMCHART_VERSION__ === "string") cached = __LLMCHART_VERSION__;
    else {
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
      cached = pkg.version;
    }
  }
  return cached;
}

/**
 * What cached results are keyed by: the version plus, in the bundle, a hash of all the code it
 * was built from — so a rule or validator changed without a version bump never reads a result
 * an older build cached.
 */
export function toolIdentity(): string {
  return typeof __LLMCHART_BUILD_ID__ === "string" ? `${toolVersion()}+${__LLMCHART_BUILD_ID__}` : toolVersion();
}
