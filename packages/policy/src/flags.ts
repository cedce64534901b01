import flagsJson from "./data/llama-server-flags.json" with { type: "json" };

/**
 * One option of `llama-server`, as listed in `data/llama-server-flags.json` (copied from the
 * team's reference `llama-server-flags.json`, derived from llama.cpp's `common/arg.cpp` and the
 * server README at the build the chart pins). When the pinned image build changes, compare its
 * `llama-server --help` with that file.
 */
export interface FlagSpec {
  /** Every spelling: short, long and negated forms (`-t`, `--threads`; `--slots`, `--no-slots`). */
  names: readonly string[];
  takesValue: boolean;
  /** The primary environment variable (`LLAMA_ARG_THREADS`); negatable flags also read `LLAMA_ARG_NO_*`. */
  env: string | null;
  /** False for options the pinned server rejects: removed ones and those of other tools. */
  serverRelevant: boolean;
  valueHint: string | null;
}

export const flagSpecs: readonly FlagSpec[] = flagsJson;

const byName = new Map<string, FlagSpec>();
const byEnv = new Map<string, FlagSpec>();
for (const spec of flagSpecs) {
  for (const n of spec.names) byName.set(n, spec);
  if (spec.env) byEnv.set(spec.env, spec);
}

/** The spec for a flag spelling, after llama.cpp's own normalisation (`--ctx_size` → `--ctx-size`). */
export function findFlag(name: string): FlagSpec | undefined {
  return byName.get(normalizeFlag(name));
}

/** llama.cpp replaces `_` with `-` in arguments that start with `--` before looking them up. */
export function normalizeFlag(name: string): string {
  return name.startsWith("--") ? name.replace(/_/g, "-") : name;
}

/**
 * The spec an environment variable configures: the primary `LLAMA_ARG_X` (or `HF_TOKEN`, …),
 * or `LLAMA_ARG_NO_X` for the negated form of a boolean flag.
 */
export function findEnv(name: string): { spec: FlagSpec; negated: boolean } | undefined {
  const direct = byEnv.get(name);
  if (direct) return { spec: direct, negated: false };
  const m = /^LLAMA_ARG_NO_(.+)$/.exec(name);
  if (m) {
    const positive = byEnv.get(`LLAMA_ARG_${m[1]}`);
    if (positive && !positive.takesValue) return { spec: positive, negated: true };
  }
  return undefined;
}

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

/** Every spelling the pinned server accepts, for "did you mean". */
export const serverFlagNames: readonly string[] = flagSpecs.filter((s) => s.serverRelevant).flatMap((s) => s.names);

/** Every environment variable the pinned server reads, for "did you mean". */
export const serverEnvNames: readonly string[] = flagSpecs
  .filter((s) => s.serverRelevant && s.env)
  .flatMap((s) => (s.takesValue || !s.env!.startsWith("LLAMA_ARG_") ? [s.env!] : [s.env!, s.env!.replace(/^LLAMA_ARG_/, "LLAMA_ARG_NO_")]));

/**
 * Flags whose value must be an integer (llama.cpp parses them with `std::stoi`, so `4.5` or
 * `four` stops the server). `-1` means "auto" for several of them, so negatives are allowed.
 */
export const INTEGER_FLAG_NAMES: readonly string[] = [
  "--threads", "--threads-batch", "--ctx-size", "--predict", "--batch-size", "--ubatch-size", "--keep",
  "--parallel", "--port", "--cache-ram", "--threads-http", "--timeout", "--sse-ping-interval", "--cache-reuse",
  "--prio", "--prio-batch", "--poll", "--seed", "--top-k", "--repeat-last-n", "--ctx-checkpoints",
  "--checkpoint-min-step", "--kv-unified-per-slot", "--models-max", "--sleep-idle-seconds", "--log-verbosity",
  "--reasoning-budget", "--n-cpu-moe", "--yarn-orig-ctx", "--image-min-tokens", "--image-max-tokens",
  "--spec-draft-threads", "--spec-draft-threads-batch", "--spec-draft-n-max", "--spec-draft-n-min", "--mirostat",
  "--dry-allowed-length", "--dry-penalty-last-n", "--main-gpu", "--embd-normalize",
];
const integerSpecs = new Set(INTEGER_FLAG_NAMES.map((n) => byName.get(n)).filter((s): s is FlagSpec => s !== undefined));

/** Whether the spec's value must be an integer. */
export function isIntegerFlag(spec: FlagSpec): boolean {
  return integerSpecs.has(spec);
}

/** KV cache element types `-ctk/-ctv` accept (reference §5). */
export const CACHE_TYPES = ["f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"] as const;

/**
 * The allowed values of an enumerated flag, from its value hint (`[on|off|auto]`,
 * `{none,linear,yarn}`, `<0|1>`), or undefined when any value goes.
 */
export function allowedValues(spec: FlagSpec): readonly string[] | undefined {
  if (spec.names.includes("--cache-type-k") || spec.names.includes("--cache-type-v")) return CACHE_TYPES;
  if (spec.names.includes("--gpu-layers")) return undefined; // auto | all | N: checked as a special case
  const hint = spec.valueHint ?? "";
  const m = /^\[([a-z0-9|+-]+)\]$/.exec(hint) ?? /^\{([a-z0-9,+-]+)\}$/.exec(hint) ?? /^<([0-9|]+)>$/.exec(hint);
  if (!m || !m[1]) return undefined;
  return m[1].split(/[|,]/);
}

/** How many values a flag consumes (`--control-vector-layer-range START END` takes two). */
export function valueCount(spec: FlagSpec): number {
  if (!spec.takesValue) return 0;
  return spec.names.includes("--control-vector-layer-range") ? 2 : 1;
}

/** Flags that may legitimately be given several times (each occurrence adds an item). */
export const REPEATABLE_FLAG_NAMES: readonly string[] = [
  "--lora", "--lora-scaled", "--control-vector", "--control-vector-scaled", "--override-kv", "--logit-bias",
  "--dry-sequence-breaker", "--reverse-prompt", "--override-tensor", "--spec-draft-override-tensor",
];
const repeatableSpecs = new Set(REPEATABLE_FLAG_NAMES.map((n) => byName.get(n)).filter((s): s is FlagSpec => s !== undefined));

export function isRepeatable(spec: FlagSpec): boolean {
  return repeatableSpecs.has(spec);
}

/**
 * What to use instead of an option the pinned server rejects. Keys are any spelling of the
 * removed option (or an env variable), values finish the sentence "use …".
 */
export const REPLACEMENTS: Readonly<Record<string, string>> = {
  "--mlock": "--load-mode mlock (or mmap+mlock); the load-mode refactor folded --mlock into -lm/--load-mode",
  "--mmap": "--load-mode mmap (the default, auto, already memory-maps)",
  "--no-mmap": "--load-mode none (read the weights into RAM)",
  "-dio": "--load-mode dio",
  "--direct-io": "--load-mode dio",
  "-ndio": "--load-mode auto",
  "--no-direct-io": "--load-mode auto",
  LLAMA_ARG_MLOCK: "LLAMA_ARG_LOAD_MODE=mlock",
  LLAMA_ARG_MMAP: "LLAMA_ARG_LOAD_MODE=mmap (or none for LLAMA_ARG_NO_MMAP)",
  LLAMA_ARG_NO_MMAP: "LLAMA_ARG_LOAD_MODE=none",
  LLAMA_ARG_DIO: "LLAMA_ARG_LOAD_MODE=dio",
  "--draft": "--spec-draft-n-max",
  "--draft-n": "--spec-draft-n-max",
  "--draft-max": "--spec-draft-n-max",
  "--draft-min": "--spec-draft-n-min",
  "--draft-n-min": "--spec-draft-n-min",
  LLAMA_ARG_DRAFT_MAX: "LLAMA_ARG_SPEC_DRAFT_N_MAX",
  LLAMA_ARG_DRAFT_MIN: "LLAMA_ARG_SPEC_DRAFT_N_MIN",
  "--spec-ngram-size-n": "--spec-ngram-simple-size-n (or the -map-k/-map-k4v variants)",
  "--spec-ngram-size-m": "--spec-ngram-simple-size-m (or the -map-k/-map-k4v variants)",
  "--spec-ngram-min-hits": "--spec-ngram-simple-min-hits (or the -map-k/-map-k4v variants)",
  "-cd": "nothing: the draft model's context follows -c",
  "--ctx-size-draft": "nothing: the draft model's context follows -c",
  // Older flags that are in no current table at all.
  "--log-format": "--log-jsonl for JSON logs",
  "-cpent": "-cms/--checkpoint-min-step",
};

/** Flags no server build ever knew, but which older builds or other charts used (checked before "unknown"). */
export const HISTORICAL_FLAGS = new Set(["--log-format", "-cpent"]);

/** Options of other llama.cpp tools: the server rejects them; say what the server does instead. */
export function otherToolHint(spec: FlagSpec): string {
  const n = spec.names;
  if (n.includes("--prompt") || n.includes("--system-prompt") || n.includes("--file") || n.includes("--system-prompt-file")) {
    return "prompts are sent per request (POST /completion, /v1/chat/completions), not on the server command line";
  }
  if (n.includes("--conversation") || n.includes("--interactive") || n.includes("--interactive-first")) {
    return "the server is always conversational over HTTP; drop it";
  }
  return "it belongs to another llama.cpp tool (llama-cli, llama-perplexity, …); drop it";
}
