import { normalizeFlagName } from "./llama/builds.js";
import { envStanding, flagStanding, type Standing } from "./llama/standing.js";
import type { FlagSpec, FlagTable } from "./llama/types.js";

/** Where an option reached the server from. */
export type OptionSource =
  /** an item of `extraArgs` */
  | "args"
  /** an `extraEnv` entry (`LLAMA_ARG_*`, `HF_TOKEN`, …); a command-line argument beats it */
  | "env"
  /** added by the chart because neither `extraArgs` nor `extraEnv` sets it (`-m`, `--host`, `--port`, `--metrics`) */
  | "chart";

/** One occurrence of a server option. */
export interface ServerOption {
  spec: FlagSpec;
  /** The spelling used: `-t`, `--threads`, `LLAMA_ARG_THREADS`. */
  name: string;
  source: OptionSource;
  /**
   * The value as the server sees it. Switches get `"true"`, or `"false"` for a negated form
   * (`--no-slots`, `LLAMA_ARG_NO_SLOTS`). `undefined` when a value is missing, or when an env
   * variable reads its value from a Secret/ConfigMap (`valueFrom`).
   */
  value: string | undefined;
  /** All values, for the one flag that takes two (`--control-vector-layer-range START END`). */
  values: string[];
  /** Index of the flag token in `extraArgs`, or of the entry in `extraEnv`. Absent for chart-added options. */
  index?: number;
  /** Index of the (first) value token in `extraArgs`; equals `index` for the `--flag=value` form. */
  valueIndex?: number;
  /** Written as `--flag=value` in one token. */
  inline: boolean;
  negated: boolean;
  /** For env options: the value comes from `valueFrom` (a Secret or ConfigMap), not a literal. */
  fromRef?: boolean;
}

/** Something the server would reject or silently ignore in `extraArgs`/`extraEnv`. */
export type ArgIssue =
  /** no build in the data knows the spelling (a typo, or an option of no llama.cpp tool) */
  | { kind: "unknown-flag"; index: number; name: string }
  /** the data knows the spelling only from a later build */
  | { kind: "later-flag"; index: number; name: string; added: number }
  /** the build rejects it: removed (`since`, when the data says), or an option of another tool (`spec.server` false) */
  | { kind: "removed-flag"; index: number; name: string; spec: FlagSpec | undefined; since?: number; replacement: string | null }
  /** still accepted but deprecated (the option is parsed as usual) */
  | { kind: "deprecated-flag"; index: number; name: string; spec: FlagSpec; replacement: string | null }
  | { kind: "unknown-env"; index: number; name: string }
  | { kind: "later-env"; index: number; name: string; added: number }
  | { kind: "removed-env"; index: number; name: string; spec: FlagSpec | undefined; since?: number; replacement: string | null }
  | { kind: "deprecated-env"; index: number; name: string; spec: FlagSpec; replacement: string | null }
  /** A token that is neither a flag nor a flag's value (`after` is the switch it follows, if any). */
  | { kind: "unexpected-value"; index: number; text: string; after?: string }
  /** A flag that needs a value and has none (end of the list, or followed by another flag). */
  | { kind: "missing-value"; index: number; name: string; spec: FlagSpec; next?: string }
  /** `--switch=value` for a flag that takes no value. */
  | { kind: "value-for-switch"; index: number; name: string; spec: FlagSpec };

/** Flags and variables that name the model; with none of them set the chart adds `-m`. */
const CHART_MODEL_FLAGS = ["-m", "--model", "-mu", "--model-url", "-hf", "-hfr", "--hf-repo", "-dr", "--docker-repo", "--models-dir", "--models-preset"];
const CHART_MODEL_VARS = ["LLAMA_ARG_MODEL", "LLAMA_ARG_MODEL_URL", "LLAMA_ARG_HF_REPO", "LLAMA_ARG_DOCKER_REPO", "LLAMA_ARG_MODELS_DIR", "LLAMA_ARG_MODELS_PRESET"];

/**
 * What the chart puts on the command line when neither `extraArgs` nor an `LLAMA_ARG_*`
 * variable in `extraEnv` sets it (the chart's `llmchart.server` helper).
 */
export interface ChartAddedArgs {
  /** `-m <volume.models.mountPath>/<model.filename>` */
  model?: string;
  /** `--host 0.0.0.0` */
  host?: string;
  /** `--port <service.port>` */
  port?: string | number;
  /** `--metrics`, when `metrics.enabled` */
  metrics?: boolean;
}

/** The server's view of its configuration: every option occurrence, and the problems parsing found. */
export interface ServerArgs {
  /** `extraArgs` as the strings the container receives. */
  tokens: readonly string[];
  /** Command-line occurrences (`args` and `chart`), in order. */
  options: readonly ServerOption[];
  /** `extraEnv` occurrences that configure the server. */
  env: readonly ServerOption[];
  issues: readonly ArgIssue[];
  /** The occurrence the server uses for a flag given by any spelling (`-t`, `--threads`): the last command-line one, else the env variable. */
  get(name: string): ServerOption | undefined;
  /** `get(name)?.value`. */
  value(name: string): string | undefined;
  /** Every occurrence of a flag (command line first, then env). */
  all(name: string): ServerOption[];
}

/** Numbers (`-1`, `0.5`) are values, never flags. */
function looksLikeFlag(token: string): boolean {
  return token.startsWith("-") && token.length > 1 && !/^-?(\d+\.?\d*|\.\d+)$/.test(token);
}

function flagName(token: string): string {
  const eq = token.startsWith("--") ? token.indexOf("=") : -1;
  return eq > 0 ? token.slice(0, eq) : token;
}

/** Whether `token` is a flag some build knows (so it cannot be the previous flag's value). */
function isKnownFlag(table: FlagTable, token: string): boolean {
  if (!looksLikeFlag(token)) return false;
  return flagStanding(table, flagName(token)).kind !== "unknown";
}

function argString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

function truthy(v: string | undefined): boolean {
  return v === undefined || !/^(false|0|off|disabled)$/i.test(v);
}

/** The issue a flag the build does not take raises, or undefined when it takes it (active or deprecated). */
function rejectedFlag(standing: Standing, index: number, name: string): ArgIssue | undefined {
  switch (standing.kind) {
    case "unknown":
      return { kind: "unknown-flag", index, name };
    case "later":
      return { kind: "later-flag", index, name, added: standing.added };
    case "removed":
      return { kind: "removed-flag", index, name, spec: standing.spec, ...(standing.since !== undefined ? { since: standing.since } : {}), replacement: standing.replacement };
    case "other-tool":
      return { kind: "removed-flag", index, name, spec: standing.spec, replacement: null };
    default:
      return undefined;
  }
}

/** Reads `extraArgs` into options and issues, the way llama.cpp's parser walks its argv. */
class ArgvReader {
  readonly options: ServerOption[] = [];
  readonly issues: ArgIssue[] = [];
  private i = 0;
  private lastSwitch: string | undefined;

  constructor(
    private readonly table: FlagTable,
    private readonly tokens: readonly string[],
  ) {}

  read(): void {
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i]!;
      const after = this.lastSwitch;
      this.lastSwitch = undefined;
      if (!looksLikeFlag(token)) {
        this.issues.push({ kind: "unexpected-value", index: this.i, text: token, ...(after ? { after } : {}) });
        this.i++;
        continue;
      }
      this.readFlag(token);
    }
  }

  private readFlag(token: string): void {
    const name = flagName(token);
    const inlineValue = name.length < token.length ? token.slice(name.length + 1) : undefined;
    const standing = flagStanding(this.table, name);
    const index = this.i++;
    const rejected = rejectedFlag(standing, index, name);
    if (rejected || (standing.kind !== "active" && standing.kind !== "deprecated")) {
      if (rejected) this.issues.push(rejected);
      // Swallow what is probably its value, so one mistake is reported once.
      const spec = "spec" in standing ? standing.spec : undefined;
      const takes = spec ? spec.takesValue : true;
      if (takes && inlineValue === undefined && this.i < this.tokens.length && !looksLikeFlag(this.tokens[this.i]!)) this.i++;
      return;
    }
    const { spec } = standing;
    if (standing.kind === "deprecated") this.issues.push({ kind: "deprecated-flag", index, name, spec, replacement: standing.replacement });
    const negated = spec.negatedNames.includes(normalizeFlagName(name));
    if (!spec.takesValue) {
      if (inlineValue !== undefined) this.issues.push({ kind: "value-for-switch", index, name, spec });
      this.options.push({ spec, name, source: "args", value: negated ? "false" : "true", values: [], index, inline: inlineValue !== undefined, negated });
      this.lastSwitch = name;
      return;
    }
    if (inlineValue !== undefined) {
      this.options.push({ spec, name, source: "args", value: inlineValue, values: [inlineValue], index, valueIndex: index, inline: true, negated });
      return;
    }
    this.readValues(spec, name, index, negated);
  }

  private readValues(spec: FlagSpec, name: string, index: number, negated: boolean): void {
    const values: string[] = [];
    const valueIndex = this.i;
    while (values.length < spec.valueCount && this.i < this.tokens.length && !isKnownFlag(this.table, this.tokens[this.i]!)) {
      values.push(this.tokens[this.i]!);
      this.i++;
    }
    if (values.length < spec.valueCount) {
      const next = this.tokens[this.i];
      this.issues.push({ kind: "missing-value", index, name, spec, ...(next !== undefined ? { next } : {}) });
    }
    this.options.push({ spec, name, source: "args", value: values[0], values, index, ...(values.length ? { valueIndex } : {}), inline: false, negated });
  }
}

/** The issue an `extraEnv` name the build does not take raises, or undefined when it takes it or it is no server variable. */
function rejectedEnv(standing: Standing, index: number, name: string): ArgIssue | undefined {
  switch (standing.kind) {
    case "unknown":
      return name.startsWith("LLAMA_ARG_") ? { kind: "unknown-env", index, name } : undefined;
    case "later":
      return { kind: "later-env", index, name, added: standing.added };
    case "removed":
      return { kind: "removed-env", index, name, spec: standing.spec, ...(standing.since !== undefined ? { since: standing.since } : {}), replacement: standing.replacement };
    case "other-tool":
      return { kind: "removed-env", index, name, spec: standing.spec, replacement: null };
    case "deprecated":
      return { kind: "deprecated-env", index, name, spec: standing.spec, replacement: standing.replacement };
    default:
      return undefined;
  }
}

/** Reads the `extraEnv` entries that configure the server: `LLAMA_ARG_*` (and `LLAMA_ARG_NO_*`), `HF_TOKEN`, … */
function readEnv(table: FlagTable, extraEnv: unknown, issues: ArgIssue[]): ServerOption[] {
  const env: ServerOption[] = [];
  if (!Array.isArray(extraEnv)) return env;
  extraEnv.forEach((entry, index) => {
    if (!entry || typeof entry !== "object") return;
    const e = entry as { name?: unknown; value?: unknown; valueFrom?: unknown };
    if (typeof e.name !== "string") return;
    const standing = envStanding(table, e.name);
    const issue = rejectedEnv(standing, index, e.name);
    if (issue) issues.push(issue);
    if (standing.kind !== "active" && standing.kind !== "deprecated") return;
    const { spec } = standing;
    const negated = standing.negated === true;
    const fromRef = e.valueFrom !== undefined && e.valueFrom !== null;
    const literal = typeof e.value === "string" ? e.value : e.value === undefined || e.value === null ? undefined : argString(e.value);
    let value: string | undefined;
    if (spec.takesValue) value = fromRef ? undefined : literal ?? "";
    else value = String(truthy(fromRef ? undefined : literal) !== negated);
    env.push({ spec, name: e.name, source: "env", value, values: value === undefined ? [] : [value], index, inline: false, negated, fromRef });
  });
  return env;
}

/**
 * The chart's "llmchart.server" helper: -m, --host, --port (and --metrics) are added only when
 * neither the flag nor its LLAMA_ARG_* variable is set.
 */
function addChartArgs(table: FlagTable, chartAdds: ChartAddedArgs, options: ServerOption[], env: readonly ServerOption[]): void {
  const setBy = (flags: readonly string[], vars: readonly string[]) =>
    options.some((o) => o.source === "args" && flags.includes(o.name)) || env.some((e) => vars.includes(e.name));
  const add = (flag: string, value: string | number | undefined, flags: readonly string[], vars: readonly string[]) => {
    const spec = table.find(flag);
    if (!spec || value === undefined || setBy(flags, vars)) return;
    const v = String(value);
    options.push({ spec, name: flag, source: "chart", value: v, values: spec.takesValue ? [v] : [], inline: false, negated: false });
  };
  add("-m", chartAdds.model, CHART_MODEL_FLAGS, CHART_MODEL_VARS);
  add("--host", chartAdds.host, ["--host"], ["LLAMA_ARG_HOST"]);
  add("--port", chartAdds.port, ["--port"], ["LLAMA_ARG_PORT"]);
  if (chartAdds.metrics) add("--metrics", "true", ["--metrics"], ["LLAMA_ARG_ENDPOINT_METRICS"]);
}

/** An integer value of a server option, or undefined when absent or not an integer. */
export function intValue(o: ServerOption | undefined): number | undefined {
  if (!o || o.value === undefined || !/^-?\d+$/.test(o.value.trim())) return undefined;
  return Number(o.value);
}

/**
 * Reads the server's options the way the build's llama.cpp does (`common/arg.cpp`): `extraArgs`
 * tokens (`--flag value`, `--flag=value`, `_` → `-` in long flags, aliases such as
 * `-t`/`--threads`), then the `LLAMA_ARG_*` variables of `extraEnv`, which a command-line
 * argument overrides, plus what the chart adds when neither sets it (`-m`, `--host`, `--port`,
 * `--metrics`). `flags` is the file's build's table (`ServerBuild.flags`): what that build
 * accepts, how many values each flag takes and which spellings negate.
 *
 * Never throws: anything the server would reject, or that the build only deprecates, becomes an
 * entry of `issues`.
 */
export function parseServerArgs(flags: FlagTable, extraArgs: unknown, extraEnv?: unknown, chartAdds: ChartAddedArgs = {}): ServerArgs {
  const tokens = Array.isArray(extraArgs) ? extraArgs.map(argString) : [];
  const reader = new ArgvReader(flags, tokens);
  reader.read();
  const { options, issues } = reader;
  const env = readEnv(flags, extraEnv, issues);
  addChartArgs(flags, chartAdds, options, env);

  const specOf = (name: string) => flags.find(name) ?? flags.findEnv(name)?.spec;
  const all = (name: string) => {
    const spec = specOf(name);
    if (!spec) return [];
    return [...options.filter((o) => o.spec === spec), ...env.filter((o) => o.spec === spec)];
  };
  const get = (name: string) => {
    const spec = specOf(name);
    if (!spec) return undefined;
    const cli = options.filter((o) => o.spec === spec);
    return cli[cli.length - 1] ?? env.filter((o) => o.spec === spec).pop();
  };
  return { tokens, options, env, issues, get, value: (name) => get(name)?.value, all };
}
