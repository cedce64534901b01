import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The CLI's own version (package.json), read once on demand. */
export function toolVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
