import { UsageError } from "@llmchart/core/errors";

/**
 * parseArgs' message as one line of our own words: its "argument is ambiguous" text spans three
 * lines (`--max-warnings -1`: a value starting with "-" is taken for an option), which a one-line
 * error would print with literal `\n`s.
 */
export function usageMessage(message: string): string {
  const ambiguous = /^Option '(-[^' ]+)[^']*' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} needs a value; one that starts with "-" must be attached: ${ambiguous[1]}=<value>`;
  return message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");
}

/** The value of `--max-warnings`, or undefined when not given. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UsageError(`--max-warnings expects a non-negative integer, got "${value}"`);
  return n;
}
