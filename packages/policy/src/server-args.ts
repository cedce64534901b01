import {
  HISTORICAL_FLAGS,
  findEnv,
  findFlag,
  normalizeFlag,
  valueCount,
  type FlagSpec,
} from "./flags.js";

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
  | { kind: "unknown-flag"; index: number; name: string }
  | { kind: "removed-flag"; index: number; name: string; spec: FlagSpec | undefined }
  | { kind: "unknown-env"; index: number; name: string }
  | { kind: "removed-env"; index: number; name: string; spec: FlagSpec }
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

const NEGATIVE_SHORT = new Set(["-nkvo", "-nr", "-nocb", "-ndio", "-no-kvu", "-no-cnv", "-no-ag"]);

function isNegatedName(spec: FlagSpec, name: string): boolean {
  const neg = (n: string) => n.startsWith("--no-") || NEGATIVE_SHORT.has(n);
  return neg(name) && spec.names.some((n) => !neg(n));
}

/** Numbers (`-1`, `0.5`) are values, never flags. */
function looksLikeFlag(token: string): boolean {
  return token.startsWith("-") && token.length > 1 && !/^-?(\d+\.?\d*|\.\d+)$/.test(token);
}

/** Whether `token` is a flag the server knows (so it cannot be the previous flag's value). */
function isKnownFlag(token: string): boolean {
  if (!looksLikeFlag(token)) return false;
  const name = token.startsWith("--") && token.includes("=") ? token.slice(0, token.indexOf("=")) : token;
  return findFlag(name) !== undefined || HISTORICAL_FLAGS.has(name);
}

function argString(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return v === null || v === undefined ? "" : JSON.stringify(v);
}

function truthy(v: string | undefined): boolean {
  return v === undefined || !/^(false|0|off|disabled)$/i.test(v);
}

/**
 * Reads the server's options the way llama.cpp does (`common/arg.cpp`): `extraArgs` tokens
 * (`--flag value`, `--flag=value`, `_` → `-` in long flags, aliases such as `-t`/`--threads`),
 * then the `LLAMA_ARG_*` variables of `extraEnv`, which a command-line argument overrides,
 * plus what the chart adds when neither sets it (`-m`, `--host`, `--port`, `--metrics`).
 *
 * Never throws: anything the server would reject becomes an entry of `issues`.
 */
export function parseServerArgs(extraArgs: unknown, extraEnv?: unknown, chartAdds: ChartAddedArgs = {}): ServerArgs {
  const tokens = Array.isArray(extraArgs) ? extraArgs.map(argString) : [];
  const options: ServerOption[] = [];
  const issues: ArgIssue[] = [];

  let i = 0;
  let lastSwitch: string | undefined;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!looksLikeFlag(token)) {
      issues.push({ kind: "unexpected-value", index: i, text: token, ...(lastSwitch ? { after: lastSwitch } : {}) });
      lastSwitch = undefined;
      i++;
      continue;
    }
    lastSwitch = undefined;
    const eq = token.startsWith("--") ? token.indexOf("=") : -1;
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inlineValue = eq > 0 ? token.slice(eq + 1) : undefined;
    const spec = findFlag(name);
    const flagIndex = i;
    i++;
    if (!spec || !spec.serverRelevant) {
      issues.push(
        spec || HISTORICAL_FLAGS.has(normalizeFlag(name))
          ? { kind: "removed-flag", index: flagIndex, name, spec }
          : { kind: "unknown-flag", index: flagIndex, name },
      );
      // Swallow what is probably its value, so one mistake is reported once.
      const takes = spec ? spec.takesValue : true;
      if (takes && inlineValue === undefined && i < tokens.length && !looksLikeFlag(tokens[i]!)) i++;
      continue;
    }
    const negated = isNegatedName(spec, name);
    if (!spec.takesValue) {
      if (inlineValue !== undefined) issues.push({ kind: "value-for-switch", index: flagIndex, name, spec });
      options.push({ spec, name, source: "args", value: negated ? "false" : "true", values: [], index: flagIndex, inline: inlineValue !== undefined, negated });
      lastSwitch = name;
      continue;
    }
    if (inlineValue !== undefined) {
      options.push({ spec, name, source: "args", value: inlineValue, values: [inlineValue], index: flagIndex, valueIndex: flagIndex, inline: true, negated });
      continue;
    }
    const values: string[] = [];
    const need = valueCount(spec);
    const valueIndex = i;
    while (values.length < need && i < tokens.length && !isKnownFlag(tokens[i]!)) {
      values.push(tokens[i]!);
      i++;
    }
    if (values.length < need) {
      const next = tokens[i];
      issues.push({ kind: "missing-value", index: flagIndex, name, spec, ...(next !== undefined ? { next } : {}) });
    }
    options.push({
      spec,
      name,
      source: "args",
      value: values[0],
      values,
      index: flagIndex,
      ...(values.length ? { valueIndex } : {}),
      inline: false,
      negated,
    });
  }

  const env: ServerOption[] = [];
  if (Array.isArray(extraEnv)) {
    extraEnv.forEach((entry, index) => {
      if (!entry || typeof entry !== "object") return;
      const e = entry as { name?: unknown; value?: unknown; valueFrom?: unknown };
      if (typeof e.name !== "string") return;
      const found = findEnv(e.name);
      if (!found) {
        if (e.name.startsWith("LLAMA_ARG_")) issues.push({ kind: "unknown-env", index, name: e.name });
        return;
      }
      if (!found.spec.serverRelevant) {
        issues.push({ kind: "removed-env", index, name: e.name, spec: found.spec });
        return;
      }
      const fromRef = e.valueFrom !== undefined && e.valueFrom !== null;
      const literal = typeof e.value === "string" ? e.value : e.value === undefined || e.value === null ? undefined : argString(e.value);
      let value: string | undefined;
      if (found.spec.takesValue) value = fromRef ? undefined : literal ?? "";
      else value = String(truthy(fromRef ? undefined : literal) !== found.negated);
      env.push({ spec: found.spec, name: e.name, source: "env", value, values: value === undefined ? [] : [value], index, inline: false, negated: found.negated, fromRef });
    });
  }

  // The chart's "llmchart.server" helper: -m, --host, --port (and --metrics) are added only
  // when neither the flag nor its LLAMA_ARG_* variable is set.
  const setBy = (flags: readonly string[], vars: readonly string[]) =>
    options.some((o) => o.source === "args" && flags.includes(o.name)) || env.some((e) => vars.includes(e.name));
  const add = (flag: string, value: string | number | undefined, flags: readonly string[], vars: readonly string[]) => {
    const spec = findFlag(flag);
    if (!spec || value === undefined || setBy(flags, vars)) return;
    const v = String(value);
    options.push({ spec, name: flag, source: "chart", value: v, values: spec.takesValue ? [v] : [], inline: false, negated: false });
  };
  add("-m", chartAdds.model, CHART_MODEL_FLAGS, CHART_MODEL_VARS);
  add("--host", chartAdds.host, ["--host"], ["LLAMA_ARG_HOST"]);
  add("--port", chartAdds.port, ["--port"], ["LLAMA_ARG_PORT"]);
  if (chartAdds.metrics) add("--metrics", "true", ["--metrics"], ["LLAMA_ARG_ENDPOINT_METRICS"]);

  const specOf = (name: string) => findFlag(name) ?? findEnv(name)?.spec;
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
