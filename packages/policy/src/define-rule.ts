import type { MessageData, PathSegment, ResolvedConfig, RuleMeta, Severity, SourceFile } from "@llmchart/schema";
import type { Node } from "yaml";
import type { ServerBuild } from "./llama/types.js";
import type { ValueOrigin } from "./merge.js";
import type { MemoryEstimate } from "./memory.js";
import type { ModelEstimate } from "./model.js";
import type { ServerArgs } from "./server-args.js";
import type { EffectiveValues, PathLike } from "./types.js";

export type { EffectiveValues, PathLike } from "./types.js";

/**
 * A safe fix: replace one scalar of the values file with a new string value. The engine
 * keeps the scalar's quoting style (plain, 'single', "double") and turns this into a text
 * edit, so comments, order and formatting around it survive.
 */
export interface RuleFix {
  node: Node;
  value: string;
}

export interface RuleReport<M extends string = string> {
  /** Which of the rule's `messages` (what is wrong and what to change). */
  messageId: M;
  /** The values of the message's `{{name}}` placeholders. */
  data?: MessageData;
  /**
   * The values path the problem is about. The engine points at the node of the values file
   * that set it; when the value comes from the chart default it points at the closest node
   * and adds that to the message.
   */
  path?: PathLike;
  /** A node of the values file to point at instead (keep `path` for the problem's path field). */
  node?: Node;
  fix?: RuleFix;
  /**
   * Milder than the rule's default for this report (a rule whose worst case is an error may
   * also warn). A `rules:` entry in the config overrides both.
   */
  severity?: Severity;
}

/**
 * Everything a rule may look at. Rules never compute line numbers: they report nodes or paths.
 *
 * A file with schema errors is still judged: the values its errors are about are taken out, and
 * the paths a rule reads through `get`, `text`, `origin`, `node` (and `args`, `model`, `estimate`:
 * the paths they are derived from, `DERIVED_FROM`) are recorded. A rule that read one of those
 * values is skipped for the file — its reports are dropped — so it never guesses.
 */
export interface RuleContext<M extends string = string> {
  /** The values file being linted. */
  readonly file: SourceFile;
  /**
   * Effective values (chart defaults merged as Helm merges them), without the values the file's
   * schema errors are about. Reads through it are not recorded: rules read through `get`/`text`.
   */
  readonly values: EffectiveValues;
  /** The effective value at a path, or undefined. */
  get(path: PathLike): unknown;
  /**
   * The effective string at a path, or undefined when it is absent, not a string, or blank:
   * like Helm charts, the generated chart treats `""` as unset (`if`/`with`/`default`), so
   * rules read strings through this and never see `""` as a value.
   */
  text(path: PathLike): string | undefined;
  /** Where the effective value at `path` comes from. */
  origin(path: PathLike): ValueOrigin;
  /** The node of the values file at `path`, when the file sets it. */
  node(path: PathLike): Node | undefined;
  /** Paths the values file sets to `null` with no chart default to delete: Helm keeps those nulls. */
  readonly keptNulls: readonly PathSegment[][];
  /**
   * The llama.cpp build the server image runs (`image.tag`/`image.digest`, else the config's
   * pinned image): what a rule asks about flags, variables and defaults. Reading it reads `image`.
   */
  readonly build: ServerBuild;
  /** The server's options as that build reads them (extraArgs + extraEnv + what the chart adds). */
  readonly args: ServerArgs;
  /** Size and architecture estimated from model.filename / repoId, when known. */
  readonly model: ModelEstimate | undefined;
  /** The memory estimate of the effective model (`estimateFor`), undefined when the file size is unknown. */
  readonly estimate: MemoryEstimate | undefined;
  readonly config: ResolvedConfig;
  /**
   * True the first time this lint run asks for `key`, false after: a fact that is the same for
   * every file (the config's pin is newer than the flag data) is said once, on the first file.
   */
  once(key: string): boolean;
  report(report: RuleReport<M>): void;
}

export interface RuleDefinition<M extends string> {
  /** kebab-case, equal to the rule's file name (`src/rules/<id>.ts`). */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  /** Default severity; the config's `rules:` section overrides it. */
  severity: Severity;
  /** Whether some reports carry a safe fix for `--fix`. */
  fixable?: boolean;
  /** What to change, for SARIF `help` and the docs index. */
  help: string;
  /** Documentation page relative to the repository root (default `docs/rules/<id>.md`). */
  docs?: string;
  /** The messages a report names by id, with `{{name}}` placeholders (ESLint's `meta.messages`). */
  messages: Readonly<Record<M, string>>;
  check(ctx: RuleContext<M>): void;
}

export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly fixable: boolean;
  readonly help: string;
  readonly docs: string;
  readonly messages: Readonly<Record<string, string>>;
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Declares a rule: data plus a check. */
export function defineRule<M extends string>(def: RuleDefinition<M>): Rule {
  if (!ID.test(def.id)) throw new Error(`rule id must be kebab-case: ${def.id}`);
  const docs = def.docs ?? `docs/rules/${def.id}.md`;
  return {
    id: def.id,
    description: def.description,
    severity: def.severity,
    fixable: def.fixable ?? false,
    help: def.help,
    docs,
    messages: def.messages,
    meta: { id: def.id, description: def.description, defaultSeverity: def.severity, help: def.help, docs, fixable: def.fixable ?? false, messages: def.messages },
    // A rule reports only its own message ids (the type of its check says so).
    check: def.check,
  };
}

const parsedPaths = new Map<string, PathSegment[]>();

/** Parses a dotted values path (`resources.limits.cpu`, `extraArgs[3]`, `podAnnotations["a/b"]`) into segments. */
export function toSegments(path: PathLike): PathSegment[] {
  if (typeof path !== "string") return [...path];
  const known = parsedPaths.get(path);
  if (known) return [...known];
  const out = parsePath(path);
  // Rules ask for the same few dozen literal paths in every file: parse each once.
  if (parsedPaths.size >= 4096) parsedPaths.clear();
  parsedPaths.set(path, out);
  return [...out];
}

function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return out;
}

/** The value at `path` in plain data. */
export function getIn(data: unknown, path: PathLike): unknown {
  let cur: unknown = data;
  for (const seg of toSegments(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}
