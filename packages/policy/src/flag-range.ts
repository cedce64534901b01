import type { ServerDefaults } from "./llama/types.js";

/**
 * Which integer values llama-server refuses. Its argument parser reads every integer flag with
 * `std::stoi` into a C `int` (common/arg.cpp): a value outside −2147483648 … 2147483647 throws
 * `std::out_of_range` and the server exits with "error while handling argument". A few flags
 * refuse more, in their handler or where the value is used; everything else a flag accepts
 * (`-t -1` or any `-t` ≤ 0 = all cores, `-n -1` = infinite, `-cram -1` = no limit, `-b`/`-ub`
 * clamped to the context) is not a refusal. Facts from llama.cpp's source, by build.
 */

/** The range of a C `int`, what `std::stoi` returns. */
export const INT_MIN = -2147483648n;
export const INT_MAX = 2147483647n;

/** Why a value is refused, beyond the C int range, or undefined; `n` is in int range. */
type Refusal = (n: number, build: { readonly defaults: ServerDefaults; readonly label: string }) => string | undefined;

const REFUSALS: Readonly<Record<string, Refusal>> = {
  // n_ctx becomes an unsigned 32-bit size: a negative one wraps to ~4 billion tokens, the padded
  // size overflows to 0 and llama_context refuses to start.
  "--ctx-size": (n) => (n < 0 ? "a negative context size wraps around and the server cannot create its context (0 means the model's training context)" : undefined),
  // From b7433 (llama.cpp #17997) the build's -np default is -1, "auto", and 0 is refused.
  "--parallel": (n, build) => {
    if (build.defaults.parallel === -1) return n === 0 ? 'the server refuses 0 slots with "invalid value for n_parallel" (-1 means auto)' : undefined;
    // Before auto, a negative slot count wraps to more sequences than llama_context allows.
    return n < 0 ? `this build (${build.label}, before b7433) has no automatic slot count: a negative one wraps around and the server cannot create its context` : undefined;
  },
  "--checkpoint-min-step": (n) => (n < 0 ? 'the server refuses it with "checkpoint-min-step must be non-negative"' : undefined),
};

/** What is wrong with an integer flag's value, or undefined when the server takes it. */
export type IntegerProblem = { kind: "out-of-int-range" } | { kind: "refused"; why: string };

/**
 * Whether the server takes `value` (already known to be `-?\d+`) for the integer flag `spec`,
 * in `build`: a C `int` first, then what that flag itself refuses. Port ranges are the
 * `flag-value` rule's own check.
 */
export function integerProblem(spec: { readonly names: readonly string[] }, value: string, build: { readonly defaults: ServerDefaults; readonly label: string }): IntegerProblem | undefined {
  const big = BigInt(value);
  if (big < INT_MIN || big > INT_MAX) return { kind: "out-of-int-range" };
  for (const name of spec.names) {
    const why = REFUSALS[name]?.(Number(big), build);
    if (why) return { kind: "refused", why };
  }
  return undefined;
}
