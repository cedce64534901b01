import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "@llmchart/core/errors";

/** Node's parseArgs, with its errors (unknown option, missing value) turned into UsageError (exit 2). */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The value of `--max-warnings`, or undefined when not given. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings expects a non-negative integer, got "${value}"`);
  return n;
}
