import { UsageError } from "@llmchart/core/errors";

/** The value of `--max-warnings`, or undefined when not given. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings expects a non-negative integer, got "${value}"`);
  return n;
}
