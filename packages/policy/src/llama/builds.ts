import historyJson from "./flag-history.json" with { type: "json" };
import type { BuildSource, FlagHistory, FlagSpec, FlagStatus, FlagTable, ServerBuild, ServerDefaults } from "./types.js";

/**
 * The per-build facts of llama-server, read from `flag-history.json` (generated from llama.cpp's
 * git history by `scripts/gen-flag-history.mjs`, see docs/builds.md). Every option has change
 * points: the builds where any of its facts changed, each holding what changed (`null`: no longer
 * declared from that build). Build N is the last change point at or below N.
 */

/** The facts a change point can set (FlagSpec without what the lookup derives). */
interface Facts {
  names: string[];
  negatedNames: string[];
  valueCount: 0 | 1 | 2;
  valueHint: string | null;
  allowedValues: string[] | null;
  env: string | null;
  envNegated: string | null;
  default: string | null;
  help: string;
  status: FlagStatus;
  replacement: string | null;
  server: boolean;
  tools: string[];
  integer: boolean;
  repeatable: boolean;
  secondHand?: boolean;
}

type Point = [number, Partial<Facts> | null];

interface HistoryFile {
  header: { sourceCommit: string; sourceBuild: number; first: number; last: number; repository: string };
  secondHand: { build: number; names: string[]; citation: string }[];
  flags: Record<string, Point[]>;
}

const data = historyJson as unknown as HistoryFile;

const FACT_DEFAULTS: Facts = {
  names: [],
  negatedNames: [],
  valueCount: 0,
  valueHint: null,
  allowedValues: null,
  env: null,
  envNegated: null,
  default: null,
  help: "",
  status: "active",
  replacement: null,
  server: true,
  tools: [],
  integer: false,
  repeatable: false,
};

/** What the data covers: builds `first`…`last`, read from `sourceCommit` of `repository`. */
export const DATA_RANGE: { readonly first: number; readonly last: number; readonly sourceCommit: string; readonly repository: string } = Object.freeze({
  first: data.header.first,
  last: data.header.last,
  sourceCommit: data.header.sourceCommit,
  repository: data.header.repository,
});

/** The hand-entered, cited change points beyond the data (e.g. the b10875 removal of `--mlock`). */
export const SECOND_HAND_POINTS: readonly { readonly build: number; readonly names: readonly string[]; readonly citation: string }[] = Object.freeze(
  data.secondHand.map((p) => Object.freeze({ build: p.build, names: Object.freeze([...p.names]), citation: p.citation })),
);

/** The newest state the data knows: its last build, or the last second-hand point beyond it. */
const NEWEST_KNOWN = Math.max(DATA_RANGE.last, ...SECOND_HAND_POINTS.map((p) => p.build));

/** One option across builds: its points and, computed on demand, the facts and spec after each. */
interface Lineage {
  key: string;
  builds: number[];
  deltas: (Partial<Facts> | null)[];
  states: (Facts | null | undefined)[];
  specs: (FlagSpec | null | undefined)[];
}

let lineages: Lineage[] | undefined;

function allLineages(): Lineage[] {
  lineages ??= Object.entries(data.flags).map(([key, points]) => ({
    key,
    builds: points.map((p) => p[0]),
    deltas: points.map((p) => p[1]),
    states: new Array<Facts | null | undefined>(points.length),
    specs: new Array<FlagSpec | null | undefined>(points.length),
  }));
  return lineages;
}

/** The facts after point i: the previous facts (or the defaults after an absence) with the point's changes. */
function stateAt(lin: Lineage, i: number): Facts | null {
  const cached = lin.states[i];
  if (cached !== undefined) return cached;
  const d = lin.deltas[i] ?? null;
  const state = d === null ? null : merged((i > 0 ? stateAt(lin, i - 1) : null) ?? FACT_DEFAULTS, d);
  lin.states[i] = state;
  return state;
}

/** One object shape for every state (a spread per point costs far more on a cold start). */
function merged(b: Facts, d: Partial<Facts>): Facts {
  return {
    names: d.names ?? b.names,
    negatedNames: d.negatedNames ?? b.negatedNames,
    valueCount: d.valueCount ?? b.valueCount,
    valueHint: d.valueHint !== undefined ? d.valueHint : b.valueHint,
    allowedValues: d.allowedValues !== undefined ? d.allowedValues : b.allowedValues,
    env: d.env !== undefined ? d.env : b.env,
    envNegated: d.envNegated !== undefined ? d.envNegated : b.envNegated,
    default: d.default !== undefined ? d.default : b.default,
    help: d.help ?? b.help,
    status: d.status ?? b.status,
    replacement: d.replacement !== undefined ? d.replacement : b.replacement,
    server: d.server ?? b.server,
    tools: d.tools ?? b.tools,
    integer: d.integer ?? b.integer,
    repeatable: d.repeatable ?? b.repeatable,
    secondHand: d.secondHand === true,
  };
}

/** Index of the last point at or below build, or -1. */
function pointIndex(builds: readonly number[], build: number): number {
  let lo = 0;
  let hi = builds.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (builds[mid]! <= build) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** llama.cpp replaces `_` with `-` in arguments that start with `--` before looking them up. */
export function normalizeFlagName(name: string): string {
  return name.startsWith("--") ? name.replace(/_/g, "-") : name;
}

function accepts(f: Facts | null): boolean {
  return f !== null && f.server && (f.status === "active" || f.status === "deprecated");
}

function specOf(lin: Lineage, index: number): FlagSpec | null {
  const cached = lin.specs[index];
  if (cached !== undefined) return cached;
  const f = stateAt(lin, index);
  const spec = f === null ? null : new Spec(lin, index, f);
  lin.specs[index] = spec;
  return spec;
}

/**
 * A frozen FlagSpec. `since` and `statusSince` are computed when first read (hovers and
 * messages need them; building a table for the lint does not), across every option that ever
 * had one of the spellings.
 */
class Spec implements FlagSpec {
  readonly names: readonly string[];
  readonly negatedNames: readonly string[];
  readonly valueCount: 0 | 1 | 2;
  readonly takesValue: boolean;
  readonly valueHint: string | null;
  readonly allowedValues: readonly string[] | null;
  readonly env: string | null;
  readonly envNegated: string | null;
  readonly default: string | null;
  readonly help: string;
  readonly status: FlagStatus;
  readonly replacement: string | null;
  readonly server: boolean;
  readonly tools: readonly string[];
  readonly integer: boolean;
  readonly repeatable: boolean;
  readonly secondHand: boolean;
  readonly #lin: Lineage;
  readonly #index: number;
  #times: { since: number; statusSince: number } | undefined;

  constructor(lin: Lineage, index: number, f: Facts) {
    this.names = Object.freeze(f.negatedNames.length ? f.names.concat(f.negatedNames) : f.names.slice());
    this.negatedNames = Object.freeze(f.negatedNames.slice());
    this.valueCount = f.valueCount;
    this.takesValue = f.valueCount > 0;
    this.valueHint = f.valueHint;
    this.allowedValues = f.allowedValues ? Object.freeze(f.allowedValues.slice()) : null;
    this.env = f.env;
    this.envNegated = f.envNegated;
    this.default = f.default;
    this.help = f.help;
    this.status = f.status;
    this.replacement = f.replacement;
    this.server = f.server;
    this.tools = Object.freeze(f.tools.slice());
    this.integer = f.integer;
    this.repeatable = f.repeatable;
    this.secondHand = f.secondHand === true;
    this.#lin = lin;
    this.#index = index;
  }

  get since(): number {
    return this.#when().since;
  }

  get statusSince(): number {
    return this.#when().statusSince;
  }

  #when(): { since: number; statusSince: number } {
    if (this.#times) return this.#times;
    const lin = this.#lin;
    const since = Math.min(...this.names.map((n) => firstSeen(n, this.server)));
    let statusSince = lin.builds[this.#index]!;
    for (let i = this.#index - 1; i >= 0 && stateAt(lin, i)?.status === this.status; i--) statusSince = lin.builds[i]!;
    if (this.status === "active" && statusSince <= lin.builds[0]!) statusSince = since;
    this.#times = { since: Math.min(since, statusSince), statusSince };
    return this.#times;
  }

  /** JSON and test output show the derived builds too. */
  toJSON(): object {
    return { ...Object.fromEntries(Object.entries(this)), since: this.since, statusSince: this.statusSince };
  }
}

let firstSeenIndex: { server: Map<string, number>; any: Map<string, number> } | undefined;

/**
 * The first build a spelling appears in: for server options the first whose server accepts it,
 * for the others the first that declares it. Only points that change spellings, server or
 * status (or follow an absence) can make a spelling appear.
 */
function firstSeen(name: string, server: boolean): number {
  if (!firstSeenIndex) {
    const index = { server: new Map<string, number>(), any: new Map<string, number>() };
    const note = (map: Map<string, number>, n: string, b: number) => {
      const seen = map.get(n);
      if (seen === undefined || seen > b) map.set(n, b);
    };
    for (const lin of allLineages()) {
      lin.deltas.forEach((d, i) => {
        if (d === null || (i > 0 && lin.deltas[i - 1] !== null && !("names" in d || "negatedNames" in d || "server" in d || "status" in d))) return;
        const f = stateAt(lin, i)!;
        const b = lin.builds[i]!;
        for (const n of f.names) note(index.any, n, b);
        for (const n of f.negatedNames) note(index.any, n, b);
        if (!accepts(f)) return;
        for (const n of f.names) note(index.server, n, b);
        for (const n of f.negatedNames) note(index.server, n, b);
      });
    }
    firstSeenIndex = index;
  }
  return (server ? firstSeenIndex.server.get(name) : undefined) ?? firstSeenIndex.any.get(name) ?? DATA_RANGE.first;
}

const tables = new Map<number, FlagTable>();

/**
 * The options of one build (memoised). Builds before the data are judged as its first build
 * (`buildOfImage` says `older-than-data`); builds after it get the newest state plus the
 * second-hand points up to them.
 */
export function flagsAt(build: number): FlagTable {
  const at = Math.max(Math.trunc(build), DATA_RANGE.first);
  const cached = tables.get(at);
  if (cached) return cached;
  const specs: FlagSpec[] = [];
  for (const lin of allLineages()) {
    const i = pointIndex(lin.builds, at);
    if (i < 0) continue;
    const spec = specOf(lin, i);
    if (spec) specs.push(spec);
  }
  const table = new Table(at, specs);
  tables.set(at, table);
  return table;
}

/** The options of one build: lookups built once; the name lists only when first asked for. */
class Table implements FlagTable {
  readonly build: number;
  readonly specs: readonly FlagSpec[];
  readonly #byName = new Map<string, FlagSpec>();
  readonly #byEnv = new Map<string, { spec: FlagSpec; negated: boolean }>();
  #flagNames: readonly string[] | undefined;
  #envNames: readonly string[] | undefined;

  constructor(build: number, specs: FlagSpec[]) {
    this.build = build;
    this.specs = Object.freeze(specs);
    // server options first, so a spelling another tool shares resolves to the server's
    for (const spec of specs) if (spec.server) this.#index(spec);
    for (const spec of specs) if (!spec.server) this.#index(spec);
  }

  #index(spec: FlagSpec): void {
    for (const n of spec.names) if (!this.#byName.has(n)) this.#byName.set(n, spec);
    if (spec.env && !this.#byEnv.has(spec.env)) this.#byEnv.set(spec.env, { spec, negated: false });
    if (spec.envNegated && !this.#byEnv.has(spec.envNegated)) this.#byEnv.set(spec.envNegated, { spec, negated: true });
  }

  find(name: string): FlagSpec | undefined {
    return this.#byName.get(name) ?? this.#byName.get(normalizeFlagName(name));
  }

  findEnv(name: string): { spec: FlagSpec; negated: boolean } | undefined {
    return this.#byEnv.get(name);
  }

  get serverFlagNames(): readonly string[] {
    this.#flagNames ??= Object.freeze(this.#live().flatMap((s) => s.names));
    return this.#flagNames;
  }

  get serverEnvNames(): readonly string[] {
    this.#envNames ??= Object.freeze(this.#live().flatMap((s) => [s.env, s.envNegated].filter((e): e is string => e !== null)));
    return this.#envNames;
  }

  #live(): FlagSpec[] {
    return this.specs.filter((s) => s.server && s.status !== "removed");
  }
}

const histories = new Map<string, FlagHistory>();

/**
 * When llama-server accepted a spelling (`--cache-ram`, `-fa`) or an environment variable
 * (`LLAMA_ARG_CACHE_RAM`, `LLAMA_ARG_NO_MMAP`), across the data and its second-hand points.
 */
export function flagHistory(nameOrEnv: string): FlagHistory {
  const key = nameOrEnv.startsWith("-") ? normalizeFlagName(nameOrEnv) : nameOrEnv;
  const cached = histories.get(key);
  if (cached) return cached;
  const holds = key.startsWith("-")
    ? (f: Facts) => f.names.includes(key) || f.negatedNames.includes(key)
    : (f: Facts) => f.env === key || f.envNegated === key;
  const history = historyOf(allLineages().filter((lin) => lin.builds.some((_, i) => { const f = stateAt(lin, i); return f !== null && holds(f); })), holds);
  histories.set(key, history);
  return history;
}

function stateOfBuild(lin: Lineage, build: number): Facts | null {
  const i = pointIndex(lin.builds, build);
  return i < 0 ? null : stateAt(lin, i);
}

function historyOf(lins: Lineage[], holds: (f: Facts) => boolean): FlagHistory {
  const builds = [...new Set(lins.flatMap((l) => l.builds))].sort((a, b) => a - b);
  let added: number | undefined;
  let deprecated: number | undefined;
  let removed: number | undefined;
  let replacement: string | null = null;
  let deprecatedSecondHand = false;
  let removedSecondHand = false;
  for (const b of builds) {
    const held = lins.map((l) => stateOfBuild(l, b)).filter((f): f is Facts => f !== null && holds(f));
    const acceptedBy = held.find((f) => accepts(f));
    if (acceptedBy) {
      added ??= b;
      removed = undefined;
      if (acceptedBy.status === "deprecated" && deprecated === undefined) {
        deprecated = b;
        deprecatedSecondHand = acceptedBy.secondHand === true;
      }
    } else if (added !== undefined && removed === undefined) {
      removed = b;
      removedSecondHand = held.some((f) => f.secondHand === true);
    }
    const serverFacts = held.find((f) => f.server);
    if (serverFacts) replacement = serverFacts.replacement;
  }
  const secondHand = removed !== undefined ? removedSecondHand : deprecated !== undefined && deprecatedSecondHand;
  return Object.freeze({ added, deprecated, removed, replacement, secondHand });
}

const defaults = new Map<number, ServerDefaults>();

/** The defaults that size memory and shape behaviour in one build, from its options' stated defaults. */
export function defaultsAt(build: number): ServerDefaults {
  const table = flagsAt(build);
  const cached = defaults.get(table.build);
  if (cached) return cached;
  const live = (name: string): FlagSpec | undefined => {
    const s = table.find(name);
    return s && s.server && s.status !== "removed" ? s : undefined;
  };
  const parallel = stated(table, "--parallel");
  const cacheRam = live("--cache-ram");
  const jinja = live("--jinja");
  const result: ServerDefaults = Object.freeze({
    ctxSize: stated(table, "--ctx-size"),
    parallel,
    kvUnifiedWhenAuto: parallel === -1 && /\bauto\b/.test(live("--kv-unified")?.default ?? ""),
    cacheRamMiB: cacheRam ? stated(table, "--cache-ram") : undefined,
    timeoutSeconds: stated(table, "--timeout"),
    flashAttnTakesValue: (live("--flash-attn")?.valueCount ?? 0) > 0,
    jinja: jinja !== undefined && /^(enabled|true|on)$/i.test(jinja.default ?? ""),
    loadMode: live("--load-mode")?.default ?? undefined,
  });
  defaults.set(table.build, result);
  return result;
}

/** A numeric stated default; the data's tests guarantee every build in it has one for these. */
function stated(table: FlagTable, name: string): number {
  const spec = table.find(name);
  const value = Number(spec?.default ?? Number.NaN);
  if (!Number.isFinite(value)) throw new Error(`flag-history.json: b${table.build} states no numeric default for ${name} (${spec?.default ?? "no such option"})`);
  return value;
}

/** An image reference as a values file or the config gives it. */
export interface ImageRef {
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** `server-b4719`, `server-cuda-b4719`, `full-b4719`, `b4719` → 4719. */
export function buildOfTag(tag: string): number | undefined {
  const m = /(?:^|-)b(\d+)$/.exec(tag.trim());
  return m ? Number(m[1]) : undefined;
}

/** A repository may carry its own `:tag` or `@digest`, which wins over the separate keys (as the chart joins them). */
function split(ref: ImageRef): { tag?: string; digest?: string } {
  let repo = (ref.repository ?? "").trim();
  let digest = ref.digest?.trim() || undefined;
  let tag = ref.tag?.trim() || undefined;
  const at = repo.indexOf("@");
  if (at >= 0) {
    digest = repo.slice(at + 1);
    repo = repo.slice(0, at);
  }
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) tag = repo.slice(colon + 1);
  const tagAt = tag?.indexOf("@") ?? -1;
  if (tag && tagAt >= 0) {
    digest = tag.slice(tagAt + 1);
    tag = tag.slice(0, tagAt) || undefined;
  }
  return { ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The build a values file runs: its `image.tag` / `image.digest` (or a tag or digest inside
 * `image.repository`), else the config's pinned `images.server`. A build the data covers is
 * `exact`; a newer one is judged with the newest known state plus the second-hand points up to
 * it; a moving tag (`server`) or a digest alone with the newest known state; an older one with
 * the data's first build (`older-than-data`: flag rules should not judge it).
 */
export function buildOfImage(image: ImageRef, configServerImage: ImageRef): ServerBuild {
  const own = split(image);
  const pinned = split(configServerImage);
  if (own.tag) return fromTag(own.tag, "image.tag");
  if (own.digest) return unknownDigest(own.digest, "image.digest");
  if (pinned.tag) return fromTag(pinned.tag, "config");
  return pinned.digest ? unknownDigest(pinned.digest, "config") : floating(undefined, "config");
}

function fromTag(tag: string, from: BuildSource): ServerBuild {
  const requested = buildOfTag(tag);
  if (requested === undefined) return floating(tag, from);
  const { first, last } = DATA_RANGE;
  if (requested < first) {
    return serverBuild(first, requested, from, "older-than-data", first, `b${first} (the oldest in the data; ${tag} is older, so its flags are not judged)`);
  }
  if (requested <= last) return serverBuild(requested, requested, from, "exact", requested, `b${requested}`);
  const applied = SECOND_HAND_POINTS.filter((p) => p.build <= requested).map((p) => `b${p.build}`);
  const note = applied.length ? `; with the second-hand change points of ${applied.join(", ")}` : "";
  return serverBuild(last, requested, from, "newer-than-data", requested, `b${last} (newest in the data; ${tag} is newer${note})`);
}

function floating(tag: string | undefined, from: BuildSource): ServerBuild {
  const what = tag === undefined ? "no tag" : `the moving tag ${tag}`;
  return serverBuild(DATA_RANGE.last, undefined, from, "floating", NEWEST_KNOWN, `b${DATA_RANGE.last} (newest in the data; ${what} names no build)`);
}

function unknownDigest(digest: string, from: BuildSource): ServerBuild {
  const short = digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
  return serverBuild(DATA_RANGE.last, undefined, from, "unknown-digest", NEWEST_KNOWN, `b${DATA_RANGE.last} (newest in the data; digest ${short} names no build)`);
}

function serverBuild(number: number, requested: number | undefined, from: BuildSource, status: ServerBuild["status"], factsBuild: number, label: string): ServerBuild {
  return Object.freeze({ number, requested, from, status, flags: flagsAt(factsBuild), defaults: defaultsAt(factsBuild), label });
}
