import { compareProblems, sayRunFactsOnce, type Problem, type RuleMeta } from "@llmchart/schema";
import { findHelm, type HelmResult } from "@llmchart/manifests/helm";
import { join, resolve } from "node:path";
import { cacheDirFor, openCache, RenderCache } from "./check/cache.js";
import { capacityStage } from "./check/capacity-stage.js";
import { checkGenerated } from "./check/generated.js";
import { startRenders } from "./check/helm.js";
import { immutableStage } from "./check/immutable.js";
import { lintWithCache } from "./check/lint-cache.js";
import { loadManifests, validateRender } from "./check/manifests.js";
import { renderPlan } from "./check/render-plan.js";
import { checkScope } from "./check/scope.js";
import { UsageError } from "./errors.js";
import { displayPath } from "./files.js";
import type { ChangeScan } from "./git.js";
import { chartDefaults } from "./lint/chart-defaults.js";
import { loadProject, type Project } from "./project.js";
import { allRules } from "./rules.js";
import { projectRenderCommand } from "./render-command.js";
import { stagedSnapshot } from "./staged.js";
import { listValuesFiles, readValuesTexts } from "./values-files.js";
import { toolIdentity } from "./version.js";

export interface CheckLayoutOptions {
  project: Project;
  /** Only what the work tree's changes affect (staged, unstaged, untracked). */
  changed?: boolean;
  /** Only what changed since this git revision. */
  since?: string;
  /**
   * Judge the staged content (the index), not the working tree: what a commit will contain.
   * With `changed`, the scope is what the index changes against HEAD.
   */
  staged?: boolean;
  /** Only what these files affect (relative to project.cwd): the pre-commit framework's file list. */
  files?: readonly string[];
  /** Environment: helm (LLMCHART_HELM, HELM_BIN, PATH), LLMCHART_CACHE_DIR. */
  env: Record<string, string | undefined>;
  /** Skip the cache entirely. */
  noCache?: boolean;
  /** helm renders in parallel. */
  jobs: number;
  /**
   * The git answers of a startChangeScan the caller began early (with the same `since` and
   * `staged`); used when its folder lies in the project's repository, else git is asked again.
   */
  scan?: ChangeScan;
  /**
   * Renders begun before the project loaded (startEarlyCheck, @llmchart/core/early), by render
   * cache key: a model whose key is here takes that render instead of running helm again.
   */
  early?: Promise<ReadonlyMap<string, Promise<HelmResult>>>;
  /** Called as models are rendered (for a progress line on a TTY). */
  onProgress?: (done: number, total: number) => void;
}

export interface CheckLayoutResult {
  problems: Problem[];
  rules: readonly RuleMeta[];
  /** Values files in scope. */
  filesChecked: number;
  /** Why that scope, or undefined when nothing under the layout changed (nothing was checked). */
  scope: string | undefined;
  /** No helm was found: the render stage did not run (the caller decides whether that is fatal). */
  helmMissing: boolean;
  /** Warnings about the setup (an unusable cache folder), one line each. */
  notices: string[];
}

/**
 * Everything CI and pre-commit need, in one pass: config warnings, schema + policy lint of every
 * values file in scope, `render --check` of the chart and the Applications, the Argo CD schema
 * of every Application, then `helm template` of every model (release and namespace as Argo CD
 * uses them) and the Kubernetes schema of what it renders. One bad file never hides the others.
 */
export async function checkLayout(options: CheckLayoutOptions): Promise<CheckLayoutResult> {
  if ([options.changed, options.since !== undefined, Boolean(options.files?.length)].filter(Boolean).length > 1) {
    throw new UsageError("give one of --changed, --since or files, not several");
  }
  // File arguments as root-relative paths, resolved against where the user is.
  const real = options.project;
  const files = options.files?.map((f) => displayPath(real.root, resolve(real.cwd, f)));
  if (!options.staged) return checkProject(real, { ...options, files });
  // The staged content: a copy of the index, checked as if it were the project; paths inside the
  // copy are the same root-relative paths, so problems need no translation.
  const snapshot = await stagedSnapshot(real.root, [real.configFile, real.layout.chartDir, real.layout.valuesDir, real.layout.applicationsDir, "schemas"]);
  try {
    const env = { ...options.env, LLMCHART_CACHE_DIR: cacheDirFor(real.root, options.env) };
    const loaded = loadProject({ cwd: snapshot.root, configPath: join(snapshot.root, real.configFile), ...(options.noCache ? {} : { cacheEnv: env }) });
    // The headers name the repository's command, which its package.json (not copied) decides.
    const staged = { ...loaded, renderCommand: projectRenderCommand(real) };
    return await checkProject(staged, { ...options, files, env }, real.root);
  } finally {
    snapshot.dispose();
  }
}

/** The result of a check that found nothing under the layout changed: nothing was checked. */
function nothingChanged(): CheckLayoutResult {
  return { problems: [], rules: allRules(), filesChecked: 0, scope: undefined, helmMissing: false, notices: [] };
}

/**
 * The stages of a check, in order: scope, config, lint, render (helm template) with the manifest
 * stage per render, generated files, capacity and immutable changes. The chart's defaults are read
 * once for all of them, and the problems are sorted once, at the end.
 */
async function checkProject(project: Project, options: CheckLayoutOptions, gitRoot = project.root): Promise<CheckLayoutResult> {
  const root = project.root;
  const listing = listValuesFiles(root, project.layout.valuesDir);
  const scoped = await checkScope(project, options, listing.files, gitRoot);
  if (!scoped) return nothingChanged();
  const { scope } = scoped;
  const notices: string[] = [];
  const cache = options.noCache ? new RenderCache(undefined) : openCache(cacheDirFor(gitRoot, options.env), (msg) => notices.push(msg));
  const tool = toolIdentity();
  const helm = findHelm(options.env);
  const plan = helm ? renderPlan({ ...project, configText: project.configSource.text }, helm, tool) : undefined;
  const early = (await options.early) ?? new Map<string, Promise<HelmResult>>();
  const defaults = chartDefaults(project);

  // The config's own warnings belong to runs that judge the config: all models, or the config changed.
  const problems: Problem[] = scope.config ? [...project.configProblems] : [];
  // Unusable values files (a second file for one model, a dangling link) in scope or not: they are the layout's.
  problems.push(...listing.problems);
  const read = readValuesTexts(root, scope.values);

  // The lint starts a microtask later, once startRenders has spawned the first wave of helm
  // renders (see there): helm renders on the other core while this process lints.
  const linting = Promise.resolve().then(() => lintWithCache(read.files, { project, cache, tool, defaults }));
  const erroneous = linting.then((linted) => new Set(linted.problems.filter((p) => p.severity === "error").map((p) => p.file)));
  erroneous.catch(() => undefined);
  const validate = (source: { path: string; text: string }, rendered: string) => validateRender(source, rendered, { cache, tool, chartValues: () => defaults.source() });
  const renders = startRenders({ project, plan, files: read.files, cache, early, jobs: options.jobs, erroneous, validate, onProgress: options.onProgress });
  problems.push(...read.problems, ...(await linting).problems);
  // While helm renders, load the validators its output will need: the rest of them once it has
  // rendered, by the kinds it names (the chart always renders the server's Deployment).
  if (renders.spawned) await (await loadManifests()).preloadKinds("kind: Deployment\n");

  problems.push(...(await checkGenerated({ project, valuesFiles: listing.files, cache, tool })));
  problems.push(...(await renders.problems()));
  problems.push(...(await capacityStage(project, scoped, defaults)));
  problems.push(...(await immutableStage(project, { helm, since: options.since, jobs: options.jobs, cache })));
  problems.sort(compareProblems);
  // About once a day: drop entries unused for a month, and the least recently used beyond the size budget.
  cache.pruneIfDue();
  // Cached files and fresh ones come from different lint runs: a run fact is said once, as one run says it.
  return { problems: sayRunFactsOnce(problems), rules: allRules(), filesChecked: scope.values.length, scope: scope.reason, helmMissing: !helm, notices };
}
