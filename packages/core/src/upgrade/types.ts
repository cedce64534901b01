import type { Problem, Severity } from "@llmchart/schema";

/** What an upgrade finding is about. */
export type UpgradeFindingKind =
  /** A flag the target build rejects (removed, or not yet added): the server exits. */
  | "flag-removed"
  | "flag-unknown"
  /** A flag the target build still accepts but marks deprecated. */
  | "flag-deprecated"
  /** A flag whose value the target build reads differently (a switch that takes a value, a value no longer allowed). */
  | "flag-value"
  /** A variable the target build no longer reads (or does not read yet): the setting silently stops applying. */
  | "env-removed"
  | "env-unknown"
  | "env-deprecated"
  /** Something the current build rejects and the target accepts. */
  | "now-accepted"
  /** A default the file leaves to the server changes (-c, -np, --cache-ram, --timeout, --jinja, -fa, --load-mode). */
  | "default-changed"
  /** The memory estimate moves (one estimate, computed for both builds). */
  | "memory"
  /** A lint problem the upgraded file gets that the current one does not (what the analysis above does not already say). */
  | "lint"
  /** Something about the image reference itself (a digest that pins the old image). */
  | "image";

/** What `--write` does about a finding: a safe text edit of the values file. */
export interface UpgradeRewrite {
  /** `--mlock → --load-mode mlock`, `-fa → -fa on`, `add --cache-ram 0`. */
  description: string;
}

/** One change the move to the target build brings to one values file. */
export interface UpgradeFinding {
  kind: UpgradeFindingKind;
  severity: Severity;
  /** The flag, variable or default it is about (`--mlock`, `LLAMA_ARG_MLOCK`, `-c`), or the lint rule id. */
  subject: string;
  message: string;
  /** Root-relative values file. */
  file: string;
  /** 1-based position of what the file says (1:1 for a default the file does not set). */
  line: number;
  column: number;
  /** Dotted values path (`extraArgs[4]`), `""` for the file as a whole. */
  path: string;
  /** The safe rewrite `--write` applies for it, when there is one. */
  rewrite?: UpgradeRewrite;
  /** With `--write`: the rewrite was applied. */
  fixed?: boolean;
}

/** A build as a result shows it. */
export interface BuildRef {
  /** The build the facts were taken from. */
  number: number;
  /** The build the image names, when it names one. */
  requested: number | undefined;
  status: "exact" | "newer-than-data" | "floating" | "unknown-digest" | "older-than-data";
  /** `b4719`, or `b10587 (newest in the data; server-b10900 is newer)`. */
  label: string;
  /** The image tag (`server-b4719`), when there is one. */
  tag: string | undefined;
}

/** Where the tag that decides a file's build is written, and what `--write` does to it. */
export interface TagChange {
  /** `values`: the file's `image.tag`; `config`: `images.server.tag` of llmchart.config.yaml (the chart's pin); `digest`: a digest pins the image, nothing is bumped. */
  where: "values" | "config" | "digest";
  before: string | undefined;
  after: string;
  /** Where the tag is written (root-relative file and 1-based position), when it exists. */
  file: string;
  line: number;
  column: number;
}

/** The memory estimate of one file before and after, in bytes. */
export interface MemoryChange {
  beforeBytes: number;
  afterBytes: number;
  /** After the rewrites `--write` applies (pinned defaults), when they change it. */
  afterWriteBytes?: number;
  /** `resources.limits.memory`, when set. */
  limitBytes?: number;
  limit?: string;
}

/** What moving one values file to the target build comes to. */
export interface UpgradeFileResult {
  /** Root-relative values file. */
  file: string;
  model: string;
  from: BuildRef;
  to: BuildRef;
  tag: TagChange;
  memory?: MemoryChange;
  findings: UpgradeFinding[];
  /** The upgrade would break this model: an error finding that `--write` does not (or did not) fix. */
  breaks: boolean;
  /** Whether `--write` changed this file. */
  written: boolean;
}

export interface UpgradeResult {
  /** The target as asked (`--to`). */
  target: { build: number; tag: string; status: BuildRef["status"]; label: string; newestInData: number; secondHand: boolean };
  files: UpgradeFileResult[];
  /** The config's pinned tag, when some file takes its build from it. */
  config?: { file: string; before: string; after: string; written: boolean };
  /** Whether anything was written. */
  wrote: boolean;
  /** `render` must run: the config's pin changed (the chart's values.yaml still has the old tag). */
  renderNeeded: boolean;
  /** Values files of the layout that could not be read (io/unreadable), reported like lint does. */
  problems: Problem[];
}
