import type { FlagTable } from "../../src/llama/types.js";

/**
 * The spellings and environment variables a `llama-server --help` lists. An option line starts
 * at column 0 with a dash: `-t,    --threads N   help…`; its spellings run up to the first gap of
 * two spaces (after joining `-h,    --help`); `(env: LLAMA_ARG_X)` may follow on any line.
 */
export function parseHelp(text: string): { names: Set<string>; envs: Set<string> } {
  const names = new Set<string>();
  const envs = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("-")) {
      const head = line.replace(/,\s+/g, ", ").split(/ {2,}/)[0] ?? "";
      for (const raw of head.split(/\s+/)) {
        const tok = raw.replace(/,$/, "");
        if (/^--?[A-Za-z0-9]/.test(tok)) names.add(tok);
      }
    }
    for (const m of line.matchAll(/\(env: ([A-Z0-9_]+)\)/g)) envs.add(m[1]!);
  }
  return { names, envs };
}

/**
 * What a build's data says its `--help` lists: every registered server option, whatever its
 * status (a removed one stays registered and listed), read from the source (not second-hand).
 */
export function listedBy(table: FlagTable): { names: Set<string>; envs: Set<string> } {
  const specs = table.specs.filter((s) => s.server && !s.secondHand);
  const names = new Set(specs.flatMap((s) => s.names));
  const envs = new Set(specs.flatMap((s) => [s.env, s.envNegated].filter((e): e is string => e !== null)));
  return { names, envs };
}

/** a − b, sorted, for readable failures. */
export function minus(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}
