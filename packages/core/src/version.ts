import { releaseDocsBaseUrl } from "@llmchart/schema/docs-url";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let version: string | undefined;
let identity: string | undefined;

/** The file this code runs from: a module of dist/ or, in the CLI's bundle, the bundle itself. */
function codeFile(): string {
  return fileURLToPath(import.meta.url);
}

/**
 * The version of the package this code ships in: the nearest package.json above the running
 * file (packages/core when unbundled, the `llmchart` package from its bundle).
 */
export function toolVersion(): string {
  if (version === undefined) {
    version = "0.0.0";
    let dir = dirname(codeFile());
    for (;;) {
      const candidate = join(dir, "package.json");
      if (existsSync(candidate)) {
        version = (JSON.parse(readFileSync(candidate, "utf8")) as { version?: string }).version ?? version;
        break;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return version;
}

/**
 * What cached results are keyed by: the version plus the bundle's build id (a hash of every
 * input, written beside the bundle by scripts/bundle.mjs), or unbundled the size and modification
 * time of the code file — so a rule or validator changed without a version bump never reads a
 * result an older build cached. Read at run time; the build defines nothing into the code.
 */
export function toolIdentity(): string {
  if (identity === undefined) {
    let build: string;
    try {
      build = readFileSync(join(dirname(codeFile()), "build-id"), "utf8").trim();
    } catch {
      const st = statSync(codeFile());
      build = `${st.size}.${Math.floor(st.mtimeMs)}`;
    }
    identity = `${toolVersion()}+${build}`;
  }
  return identity;
}

/**
 * Where rule pages are linked from results (SARIF helpUri, the language server): the config's
 * `docs.baseUrl` when set, else the pages of the installed release (releaseDocsBaseUrl of
 * toolVersion()).
 */
export function ruleDocsBaseUrl(configured?: string): string {
  return configured ?? releaseDocsBaseUrl(toolVersion());
}
