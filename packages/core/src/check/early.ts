import { findHelm, type HelmResult } from "@llmchart/manifests/helm";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, posix, resolve } from "node:path";
import { affectsEveryModel, rememberedConfigAt } from "../config/location.js";
import { inRepository, relativeToRoot, startChangeScan, type ChangeScan, type ChangeScanOptions } from "../git.js";
import { displayPath, readSourceText } from "../source-text.js";
import { toolIdentity } from "../version.js";
import { cacheDirFor, RenderCache } from "./cache.js";
import { renderPlan } from "./render-plan.js";

/** What `check --changed`, `--staged` or `--since` starts before the rest of llmchart loads (startEarlyCheck). */
export interface EarlyCheck {
  /** git's answers, asked from the folder the user is in (CheckLayoutOptions.scan); none when files were given. */
  changes: ChangeScan | undefined;
  /** `helm template` of changed values files, by render cache key (CheckLayoutOptions.early). */
  renders: Promise<ReadonlyMap<string, Promise<HelmResult>>>;
}

export interface EarlyCheckOptions extends ChangeScanOptions {
  /** `-c <file>`, as loadProject takes it. */
  configPath?: string;
  /** `--no-cache`: nothing is read from the cache, so nothing is started but git. */
  noCache?: boolean;
  /** Renders at most this many at once, as check's first wave (default: one per CPU). */
  jobs?: number;
  /**
   * The files given on the command line, relative to `cwd` (what the pre-commit framework
   * passes): these are what changed, and git is not asked.
   */
  files?: readonly string[];
}

/**
 * The slow outside work of a check of changed files, started as soon as the command line is
 * read: git's answers, then `helm template` of the changed values files (at most one per CPU,
 * like check's own first wave), so helm renders on another core while the YAML library, the
 * validators and the rules load. Only with a config check remembered in check's cache (this
 * reads no YAML) and only for values files: a change to the chart, the config or the schemas
 * means every model, which check renders itself. check takes a render only when its own cache key
 * for the model (every input of the render) is the same; anything else here is simply not used.
 * Nothing here fails: what cannot be started early is left to check, which reports it.
 */
export function startEarlyCheck(cwd: string, env: Record<string, string | undefined>, options: EarlyCheckOptions = {}): EarlyCheck {
  const changes = options.files ? undefined : startChangeScan(cwd, { ...(options.since !== undefined ? { since: options.since } : {}), staged: Boolean(options.staged) });
  const renders = options.noCache ? Promise.resolve(new Map<string, Promise<HelmResult>>()) : earlyRenders(cwd, env, changes, options).catch(() => new Map<string, Promise<HelmResult>>());
  return { changes, renders };
}

/** The changed files, root-relative: the ones given, or git's answers when they come from the project's repository. */
async function changedPaths(root: string, cwd: string, changes: ChangeScan | undefined, files: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!changes) return (files ?? []).map((f) => displayPath(root, resolve(cwd, f)));
  const top = await changes.top;
  return inRepository(root, top) ? relativeToRoot(root, top, await changes.files) : undefined;
}

async function earlyRenders(cwd: string, env: Record<string, string | undefined>, changes: ChangeScan | undefined, options: EarlyCheckOptions): Promise<Map<string, Promise<HelmResult>>> {
  const renders = new Map<string, Promise<HelmResult>>();
  const helm = findHelm(env);
  if (!helm) return renders;
  const remembered = rememberedConfigAt(cwd, options.configPath, env);
  if (!remembered) return renders;
  const { root, path, text, config, layout } = remembered;
  const changed = await changedPaths(root, cwd, changes, options.files);
  if (!changed || changed.some((p) => affectsEveryModel(layout, path, p))) return renders;
  const values = changed.filter((p) => posix.dirname(p) === layout.valuesDir && /\.ya?ml$/i.test(p) && existsSync(join(root, p)));
  const plan = renderPlan({ root, config, layout, configText: text }, helm, toolIdentity());
  const cache = new RenderCache(cacheDirFor(root, env));
  for (const file of values.slice(0, options.jobs ?? availableParallelism())) {
    const { key, release, namespace } = plan.target(file, readSourceText(root, file).text);
    if (cache.get(key)) continue;
    const render = plan.render(file, release, namespace);
    render.catch(() => undefined);
    renders.set(key, render);
  }
  return renders;
}
