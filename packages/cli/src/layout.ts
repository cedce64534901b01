import { readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { InputError } from "./errors.js";
import { describeFsError } from "./files.js";

/**
 * The values files of the layout (`<valuesDir>/*.yaml|yml`), cwd-relative and sorted. A layout
 * without a values folder has no models yet (the chart alone is rendered and checked); any other
 * failure to read the folder is an InputError.
 */
export function listValuesFiles(cwd: string, valuesDir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(cwd, valuesDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new InputError(valuesDir, describeFsError(err));
  }
  return entries.filter((e) => /\.ya?ml$/i.test(e)).sort().map((e) => posix.join(valuesDir, e));
}
