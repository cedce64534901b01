import type { FlagSpec } from "./llama/types.js";

/*
 * How rules name and explain flags. Every fact about a flag (its spellings, values, variables,
 * status and replacement in a build) comes from the file's build (`ctx.build.flags`, generated
 * from llama.cpp's history); what is left here is presentation and prose that llama.cpp's
 * source does not carry.
 */

export type { FlagSpec };

/** The name a rule uses for a spec: its first long name (`--threads`), else its first name. */
export function canonicalName(spec: FlagSpec): string {
  return spec.names.find((n) => n.startsWith("--")) ?? spec.names[0] ?? "";
}

/** The short display form for messages: `-t/--threads`. */
export function displayNames(spec: FlagSpec): string {
  const short = spec.names.find((n) => !n.startsWith("--"));
  const long = canonicalName(spec);
  return short && short !== long ? `${short}/${long}` : long;
}

/** The binaries of the `LLAMA_EXAMPLE_*` names whose binary is not simply `llama-<name>`. */
const TOOL_BINARIES: Readonly<Record<string, string>> = { main: "llama-cli", mtmd: "llama-mtmd-cli" };

/**
 * Options of other llama.cpp tools: the server rejects them; say what the server does instead.
 * Hand-written: `arg.cpp` says only which tools take an option (`spec.tools`), not what a server
 * user wanted from it.
 */
export function otherToolHint(spec: FlagSpec): string {
  const n = spec.names;
  if (n.includes("--prompt") || n.includes("--system-prompt") || n.includes("--file") || n.includes("--system-prompt-file")) {
    return "prompts are sent per request (POST /completion, /v1/chat/completions), not on the server command line";
  }
  if (n.includes("--conversation") || n.includes("--interactive") || n.includes("--interactive-first")) {
    return "the server is always conversational over HTTP; drop it";
  }
  const tools = [...new Set(spec.tools.filter((t) => t !== "server").map((t) => TOOL_BINARIES[t] ?? `llama-${t}`))];
  return `it belongs to ${tools.length ? tools.join(", ") : "another llama.cpp tool (llama-cli, llama-perplexity, …)"}; drop it`;
}

/**
 * What to do instead of a removed option that the source gives no replacement for, keyed by
 * any spelling. Hand-written, carried over from the table of the b11429 server: `arg.cpp` only
 * stops registering the flag. A note is shown only when the file's build takes every flag it
 * names (`adviceFor`), so it never sends a user to a flag their build lacks.
 */
const REMOVAL_NOTES: Readonly<Record<string, string>> = {
  "-cd": "nothing: the draft model's context follows -c",
  "--ctx-size-draft": "nothing: the draft model's context follows -c",
  "-cpent": "-cms/--checkpoint-min-step",
  "--checkpoint-every-n-tokens": "-cms/--checkpoint-min-step",
};

/**
 * The negated spellings of the flags `--load-mode` replaced. The source's deprecation text says
 * only "in favor of `--load-mode`" and the data carries one replacement per option (its positive
 * spelling's, `--load-mode mmap`); which mode the negated spelling meant is from the pull request
 * (#20834), not the source.
 */
const NEGATED_REPLACEMENTS: Readonly<Record<string, string>> = {
  "--no-mmap": "--load-mode none",
  "-ndio": "--load-mode auto",
  "--no-direct-io": "--load-mode auto",
};

/** The note for a removed option (`-cd` → "nothing: the draft model's context follows -c"), if any. */
export function removalNote(name: string, spec: FlagSpec | undefined): string | undefined {
  return REMOVAL_NOTES[name] ?? spec?.names.map((n) => REMOVAL_NOTES[n]).find((r) => r !== undefined);
}

/** What replaces `name`, a spelling of `spec`: the data's replacement, or the one for its negated spelling. */
export function replacementOf(name: string, spec: FlagSpec | undefined, replacement: string | null): string | null {
  const negated = spec?.negatedNames.includes(name) || name in NEGATED_REPLACEMENTS;
  return (negated ? NEGATED_REPLACEMENTS[name] : undefined) ?? replacement;
}
