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
        version = String((JSON.parse(readFileSync(candidate, "utf8")) as { version?: string }).version ?? version);
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
 * What cached results are keyed by: the version plus the size and modification time of the code
 * file — so a rule or validator changed without a version bump (any rebuild) never reads a
 * result an older build cached. Derived at run time; the build defines nothing.
 */
export function toolIdentity(): string {
  if (identity === undefined) {
    const st = statSync(codeFile());
    identity = `${toolVersion()}+${st.size}.${Math.floor(st.mtimeMs)}`;
  }
  return identity;
}
