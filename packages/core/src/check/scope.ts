import { affectsEveryModel } from "../config/location.js";
import { gitTopLevel, inRepository, relativeToRoot, startChangeScan, under, type ChangeScan } from "../git.js";
import type { Project } from "../project.js";
import type { ChangeBase } from "./context.js";

/** What a check judges. */
export interface Scope {
  values: string[];
  reason: string;
  /** Whether the config itself is judged (all models, or the chart/config changed). */
  config: boolean;
  /** The changed files (root-relative) a narrowed scope comes from; undefined when judging all models. */
  changed?: readonly string[];
}

/** A scope, and where the change it comes from starts (to tell what it caused in models it does not touch). */
export interface ScopeResult {
  scope: Scope;
  base?: () => Promise<ChangeBase | undefined>;
}

export interface ScopeOptions {
  changed?: boolean | undefined;
  since?: string | undefined;
  staged?: boolean | undefined;
  /** Root-relative (checkLayout resolved them). */
  files?: readonly string[] | undefined;
  scan?: ChangeScan | undefined;
}

/** Maps changed files (root-relative) to what they affect: a values file → its model; chart, config or schemas → every model. */
function scopeOf(project: Project, changed: readonly string[], all: readonly string[]): Scope | undefined {
  const { layout } = project;
  if (changed.some((p) => affectsEveryModel(layout, project.configFile, p))) {
    return { values: [...all], reason: "the chart, config or schemas changed", config: true, changed };
  }
  const touched = new Set(changed);
  const values = all.filter((f) => touched.has(f));
  const layoutChanged = changed.some((p) => under(p, layout.applicationsDir) || under(p, layout.valuesDir));
  if (!values.length && !layoutChanged) return undefined;
  return { values, reason: `${values.length} changed values file${values.length === 1 ? "" : "s"}`, config: false, changed };
}

function sameQuestion(scan: ChangeScan, wanted: { since?: string; staged: boolean }): boolean {
  return scan.options.since === wanted.since && Boolean(scan.options.staged) === wanted.staged;
}

/** The scope of `--changed`/`--since`: what git says changed, asked early (options.scan) when that answer is the project's. */
async function changedScope(project: Project, options: ScopeOptions, allValues: readonly string[], gitRoot: string): Promise<ScopeResult | undefined> {
  const wanted = { ...(options.since !== undefined ? { since: options.since } : {}), staged: Boolean(options.staged) };
  const given = options.scan && sameQuestion(options.scan, wanted) ? options.scan : undefined;
  // Answers asked from another folder count only from the project's own repository (a folder
  // outside any repository has none); otherwise git is asked from the project.
  const usable = given && (given.cwd === gitRoot || (await given.top.then((t) => inRepository(gitRoot, t), () => false)));
  const scan = usable ? given : startChangeScan(gitRoot, wanted);
  // Outside a repository the top-level's message is the one reported.
  const top = await scan.top;
  const list = await scan.files;
  const scope = scopeOf(project, relativeToRoot(gitRoot, top, list), allValues);
  if (!scope) return undefined;
  return { scope, base: () => Promise.resolve({ rev: options.since ?? "HEAD", top, root: gitRoot }) };
}

/**
 * The scope stage: which values files a check judges, and whether it judges the config — all
 * models; or what `--changed`/`--since` (git) or the given files affect. Undefined when nothing
 * under the layout changed: then nothing is checked.
 */
export async function checkScope(project: Project, options: ScopeOptions, allValues: string[], gitRoot: string): Promise<ScopeResult | undefined> {
  if (options.changed || options.since !== undefined) return changedScope(project, options, allValues, gitRoot);
  if (!options.files?.length) return { scope: { values: allValues, reason: "all models", config: true } };
  // Already root-relative (checkLayout resolved them).
  const scope = scopeOf(project, options.files, allValues);
  if (!scope) return undefined;
  // The pre-commit framework's files: the commit being made, on top of HEAD.
  return { scope, base: () => gitTopLevel(gitRoot).then((top) => ({ rev: "HEAD", top, root: gitRoot }), () => undefined) };
}
