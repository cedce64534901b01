/**
 * The contract between llama.cpp's per-build facts (generated from its git history) and
 * everything that judges a values file: rules, the memory estimate, fixes, the language
 * server and `llmchart upgrade`. A rule never asks "what does llama-server accept?" — it asks
 * "what does *this file's build* accept?" through `ctx.build`.
 */

/** Whether a spelling still works in a build. */
export type FlagStatus =
  /** accepted and documented */
  | "active"
  /** still accepted, help text says DEPRECATED; `replacement` names what to use */
  | "deprecated"
  /**
   * still registered but the server exits ("invalid argument" / arg_removed), or removed by a
   * second-hand change point. A spelling that is gone altogether is not in the build's table:
   * `flagHistory(name)` says when it was removed.
   */
  | "removed";

/** One option of `llama-server` as one build knows it. */
export interface FlagSpec {
  /** Every spelling this build accepts for it: short, long and negated forms (`-t`, `--threads`; `--mmap`, `--no-mmap`). */
  readonly names: readonly string[];
  /** The negated spellings among `names` (`--no-mmap`), which set the switch to false. */
  readonly negatedNames: readonly string[];
  /** 0 for a switch, 1 for one value, 2 for `--control-vector-layer-range START END`. */
  readonly valueCount: 0 | 1 | 2;
  readonly takesValue: boolean;
  /** The value placeholder as `--help` prints it (`N`, `FNAME`, `[on|off|auto]`), or null. */
  readonly valueHint: string | null;
  /** Enumerated values (`on|off|auto`, the `-ctk` types), or null when any value goes. */
  readonly allowedValues: readonly string[] | null;
  /** The primary environment variable (`LLAMA_ARG_THREADS`, `LLAMA_API_KEY`), or null. */
  readonly env: string | null;
  /** `LLAMA_ARG_NO_X` when this build also reads the negated variable of a boolean flag, else null. */
  readonly envNegated: string | null;
  /** The default as this build's help states it (`4096`, `auto`, `enabled`), or null. */
  readonly default: string | null;
  /** One line of the help text, for hovers. */
  readonly help: string;
  readonly status: FlagStatus;
  /** What to use instead, when deprecated or removed and the source says (`--load-mode mlock`). */
  readonly replacement: string | null;
  /** Whether llama-server itself takes it (false: an option of llama-cli or another tool). */
  readonly server: boolean;
  /**
   * The llama.cpp examples the option is declared for, lower-case as in the source's
   * `LLAMA_EXAMPLE_*` (`server`, `cli`, `completion`, `main`, `perplexity`, …); empty when it is
   * common to every tool, and before b3683 (the `if (arg == …)` eras do not say). For "that
   * belongs to llama-cli" on a `server: false` option.
   */
  readonly tools: readonly string[];
  /** Whether the integer parser reads its value (`std::stoi`): `4.5` or `four` makes the server exit. */
  readonly integer: boolean;
  /** Whether it may be given several times (`--lora`, `--override-kv`). */
  readonly repeatable: boolean;
  /**
   * The first build the data knows this option in (any spelling; for a server option, the first
   * build whose server accepts one of its spellings). Equal to `DATA_RANGE.first` when it is older
   * than the data.
   */
  readonly since: number;
  /** The build `status` started in (== `since` for active flags that never changed). */
  readonly statusSince: number;
  /** True when this build's entry comes from a hand-entered, cited change point rather than the source. */
  readonly secondHand: boolean;
}

/** The flags of one build: lookups by spelling and by environment variable. */
export interface FlagTable {
  readonly build: number;
  readonly specs: readonly FlagSpec[];
  /**
   * The spec for a spelling after llama.cpp's normalisation (`--ctx_size` → `--ctx-size`), of the
   * server or of another tool (check `server` and `status`); undefined if this build does not
   * know it at all.
   */
  find(name: string): FlagSpec | undefined;
  /** The spec an environment variable configures, and whether it is the `LLAMA_ARG_NO_*` form. */
  findEnv(name: string): { spec: FlagSpec; negated: boolean } | undefined;
  /** Every spelling of every active or deprecated server flag (for completion and "did you mean"). */
  readonly serverFlagNames: readonly string[];
  /** Every variable the server reads in this build (primary and `NO_` forms of active/deprecated flags). */
  readonly serverEnvNames: readonly string[];
}

/**
 * Where a spelling or variable appears and disappears across the whole data (for "added in
 * b6723"), as llama-server sees it: "accepts" means a server option with status active or
 * deprecated. Builds are those of the data (`added: DATA_RANGE.first` means "at or before").
 */
export interface FlagHistory {
  /** First build that accepts it. */
  readonly added: number | undefined;
  /** First build that marks it deprecated. */
  readonly deprecated: number | undefined;
  /**
   * First build that rejects it again (removed, or no longer registered) and from which it stays
   * rejected up to the newest known state (second-hand points included); undefined while accepted.
   */
  readonly removed: number | undefined;
  /** True when `removed` (or `deprecated`) comes from a hand-entered, cited change point. */
  readonly secondHand: boolean;
  /** From the last change point: what replaces it, when known. */
  readonly replacement: string | null;
}

/** The defaults that size memory and shape behaviour, derived from the flags' stated defaults of one build. */
export interface ServerDefaults {
  /** `-c`: a token count, or 0 when the build sizes the context from the model (b7407+). */
  readonly ctxSize: number;
  /** `-np`: a slot count, or -1 for auto (b7433+). */
  readonly parallel: number;
  /** Whether `-np` auto implies one unified KV cache shared by every slot. */
  readonly kvUnifiedWhenAuto: boolean;
  /** `--cache-ram` in MiB; undefined when this build has no host-RAM prompt cache. */
  readonly cacheRamMiB: number | undefined;
  /** `--timeout` in seconds. */
  readonly timeoutSeconds: number;
  /** Whether `-fa` takes a value (on|off|auto); false where it is a plain switch. */
  readonly flashAttnTakesValue: boolean;
  /** Whether the chat template (`--jinja`) is on by default. */
  readonly jinja: boolean;
  /** `--load-mode`'s default, undefined where the flag does not exist. */
  readonly loadMode: string | undefined;
}

/** How a values file's build was found. */
export type BuildSource = "image.tag" | "image.digest" | "config";

/**
 * The build a values file runs, as far as the image reference says, and the facts the rules
 * judge it with. `number` is always a build inside the data (for a build newer than the data:
 * the newest known build plus the hand-entered change points up to the requested build).
 */
export interface ServerBuild {
  /** The build the facts are taken from. */
  readonly number: number;
  /** The build the image names, when it names one (`server-b11429` → 11429). */
  readonly requested: number | undefined;
  readonly from: BuildSource;
  /**
   * `exact`: the data covers the requested build; `newer-than-data`: newest known state plus
   * second-hand change points; `floating`: a moving tag (`server`), judged with the newest known
   * build; `unknown-digest`: a digest with no build, likewise; `older-than-data`: before the
   * first build the data covers, flag rules do not judge it.
   */
  readonly status: "exact" | "newer-than-data" | "floating" | "unknown-digest" | "older-than-data";
  readonly flags: FlagTable;
  readonly defaults: ServerDefaults;
  /** For messages: `b4719`, or `b10587 (newest in the data; server-b11429 is newer)`. */
  readonly label: string;
}
