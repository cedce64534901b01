import { compareProblems, parseSource, type Problem, type RuleMeta, type SourceFile } from "@llmchart/schema";
import { join, resolve } from "node:path";
import { cacheDirFor, documentMemo, RenderCache, openCache, renderStore } from "./check/cache.js";
import { checkGenerated } from "./check/generated.js";
import { lintWithCache } from "./check/lint-cache.js";
import { loadManifests } from "./check/manifests.js";
import { findHelm, type HelmResult } from "@llmchart/manifests/helm";
import { renderPlan } from "./check/render-plan.js";
import { capacityCheckProblems } from "./capacity.js";
import { configWarnings } from "./config-checks.js";
import { affectsEveryModel } from "./config-location.js";
import { UsageError } from "./errors.js";
import { displayPath, readSourceFile } from "./files.js";
import { gitTopLevel, inRepository, relativeToRoot, startChangeScan, under, type ChangeScan } from "./git.js";
import { judgeWhatChanged, type ChangeBase } from "./check/context.js";
import { pool } from "./pool.js";
import { loadProject, type Project } from "./project.js";
import { allRules } from "./rules.js";
import { projectRenderCommand } from "./render-command.js";
import { stagedSnapshot } from "./staged.js";
import { fileProblem, listValuesFiles, readValuesTexts } from "./values-files.js";
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

/** Where validateManifests puts what it cannot trace to a values key (a name no file can have). */
const RENDERED = "\u0000rendered";

interface Scope {
  values: string[];
  reason: string;
  /** Whether the config itself is judged (all models, or the chart/config changed). */
  config: boolean;
  /** The changed files (root-relative) a narrowed scope comes from; undefined when judging all models. */
  changed?: readonly string[];
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

async function checkProject(project: Project, options: CheckLayoutOptions, gitRoot = project.root): Promise<CheckLayoutResult> {
  const root = project.root;
  const listing = listValuesFiles(root, project.layout.valuesDir);
  const allValues = listing.files;
  const notices: string[] = [];

  let scope: Scope = { values: allValues, reason: "all models", config: true };
  // Where the change starts from, to tell what it caused in models it does not touch.
  let base: (() => Promise<ChangeBase | undefined>) | undefined;
  if (options.changed || options.since !== undefined) {
    const wanted = { ...(options.since !== undefined ? { since: options.since } : {}), staged: Boolean(options.staged) };
    const given = options.scan && sameQuestion(options.scan, wanted) ? options.scan : undefined;
    // Answers asked from another folder count only from the project's own repository (a folder
    // outside any repository has none); otherwise git is asked from the project.
    const usable = given && (given.cwd === gitRoot || (await given.top.then((t) => inRepository(gitRoot, t), () => false)));
    const scan = usable ? given : startChangeScan(gitRoot, wanted);
    // Outside a repository the top-level's message is the one reported.
    const top = await scan.top;
    const list = await scan.files;
    const changed = relativeToRoot(gitRoot, top, list);
    const s = scopeOf(project, changed, allValues);
    if (!s) return { problems: [], rules: allRules(), filesChecked: 0, scope: undefined, helmMissing: false, notices };
    scope = s;
    base = () => Promise.resolve({ rev: options.since ?? "HEAD", top, root: gitRoot });
  } else if (options.files?.length) {
    // Already root-relative (checkLayout resolved them).
    const s = scopeOf(project, options.files, allValues);
    if (!s) return { problems: [], rules: allRules(), filesChecked: 0, scope: undefined, helmMissing: false, notices };
    scope = s;
    // The pre-commit framework's files: the commit being made, on top of HEAD.
    base = () => gitTopLevel(gitRoot).then((top) => ({ rev: "HEAD", top, root: gitRoot }), () => undefined);
  }

  const cache = options.noCache ? new RenderCache(undefined) : openCache(cacheDirFor(gitRoot, options.env), (msg) => notices.push(msg));
  const tool = toolIdentity();
  const helm = findHelm(options.env);
  const plan = helm ? renderPlan({ ...project, configText: project.configSource.text }, helm, tool) : undefined;
  const early = (await options.early) ?? new Map<string, Promise<HelmResult>>();

  // The config's own warnings belong to runs that judge the config: all models, or the config changed.
  let chartSource: SourceFile | null | undefined;
  const chartValues = (): SourceFile | undefined => {
    if (chartSource === undefined) {
      try {
        chartSource = readSourceFile(root, project.layout.chartValues);
      } catch {
        chartSource = null;
      }
    }
    return chartSource ?? undefined;
  };
  const problems: Problem[] = scope.config ? [...project.configProblems, ...configWarnings(project)] : [];
  // Unusable values files (a second file for one model, a dangling link) in scope or not: they are the layout's.
  problems.push(...listing.problems);
  const read = readValuesTexts(root, scope.values);

  // helm template of every model whose values lint without errors. The first wave (one per job)
  // starts before the lint, so helm renders on the other core while this process lints, checks
  // the generated files and loads the validators; a render whose file then has lint errors is
  // dropped. Later renders wait for the lint and run only for files without errors. The lint
  // itself starts a microtask later, once `pool` below has spawned the first wave.
  const linting = Promise.resolve().then(() => lintWithCache(read.files, { project, cache, tool }));
  const erroneous = linting.then((linted) => new Set(linted.problems.filter((p) => p.severity === "error").map((p) => p.file)));
  erroneous.catch(() => undefined);
  // Set as renders miss the cache (a holder, so the flow analysis sees it change).
  const spawned = { any: false };
  let rendered: Promise<Problem[][]> | undefined;
  if (plan && read.files.length) {
    let done = 0;
    // The problems of one model's render: none for a file the lint found errors in.
    const renderModel = async (source: { path: string; text: string }, index: number): Promise<Problem[]> => {
      if (index >= options.jobs && (await erroneous).has(source.path)) return [];
      const { key, release, namespace } = plan.target(source.path, source.text);
      let found = cache.get(key);
      if (!found) {
        spawned.any = true;
        const r = await (early.get(key) ?? plan.render(source.path, release, namespace));
        if ((await erroneous).has(source.path)) return [];
        if (r.code !== 0) {
          // Helm's whole reason, not its first line: a schema failure lists every field on the lines after.
          const reason = r.stderr.trim().replace(/^Error: /, "") || `helm exited with ${r.code}`;
          found = [fileProblem(source.path, "helm/template", "error", `helm template ${release} failed: ${reason.split("\n").map((l) => l.trim()).filter(Boolean).join("; ")}`)];
        } else {
          // Strict, like kubeconform -strict. A field traced back to the values key that produced it
          // is reported at that key; the rest of the rendered output has no file of its own, so it
          // is reported at the values file that produced it, line 1.
          // Parsed only if a field needs tracing, and then once.
          let parsed: SourceFile[] | undefined;
          const values = () => (parsed ??= [parseSource(source.path, source.text), ...(chartValues() ? [chartValues()!] : [])]);
          const manifests = await loadManifests();
          const memo = documentMemo(cache, tool, source.path);
          const problems = await manifests.validateRendered(r.stdout, RENDERED, { strict: true, values, memo });
          memo.save();
          found = problems.map((p) =>
            p.file === RENDERED ? { ...p, file: source.path, line: 1, column: 1, endLine: 1, endColumn: 1, message: `rendered manifest: ${p.message}` } : p,
          );
        }
        if (r.code !== 127) cache.set(key, found);
      } else if ((await erroneous).has(source.path)) return [];
      return found;
    };
    rendered = pool(read.files, options.jobs, async (source, index) => {
      const found = await renderModel(source, index);
      options.onProgress?.(++done, read.files.length);
      return found;
    });
    // Awaited below; until then a failure of the next step must not leave this promise unobserved.
    rendered.catch(() => undefined);
  }
  problems.push(...read.problems, ...(await linting).problems);
  // While helm renders, load the validators its output will need: the rest of them once it has
  // rendered, by the kinds it names (the chart always renders the server's Deployment).
  if (spawned.any) await (await loadManifests()).preloadKinds("kind: Deployment\n");

  problems.push(...(await checkGenerated({ project, valuesFiles: allValues, cache, tool })));

  let helmMissing = false;
  if (!helm) {
    helmMissing = true;
    const renderable = read.files.length - (await erroneous).size;
    if (renderable > 0) {
      problems.push(fileProblem(project.configFile, "helm/skipped", "warning", `no helm found (set LLMCHART_HELM or put helm on PATH): rendering and manifest validation of ${renderable} model${renderable === 1 ? " was" : "s were"} skipped`));
    }
  } else if (rendered) {
    for (const r of await rendered) problems.push(...r);
  }
  // Whether the models fit on the configured node pools (a judgement over all models, so with the config).
  if (scope.config || scope.values.length) {
    const capacity = (await capacityCheckProblems(project)).filter((p) => severityAllowed(project, p));
    // A hook judges what the change touches: the other models' findings are context unless it caused them.
    problems.push(...(scope.changed ? await judgeWhatChanged(capacity, project, { values: scope.values, config: scope.config, changed: scope.changed }, base) : capacity));
  }
  // A change Argo CD could never apply (a new Deployment selector, a shrunk PVC) blocks the gate.
  if (helm && options.since !== undefined) {
    const { checkImmutable } = await import("./diff/check-immutable.js");
    problems.push(...(await checkImmutable({ cwd: root, config: project.config, configPath: project.configFile, helm, since: options.since, jobs: options.jobs, cache: renderStore(cache) })));
  }
  problems.sort(compareProblems);
  // About once a day: drop entries unused for a month, and the least recently used beyond the size budget.
  cache.pruneIfDue();
  return { problems, rules: allRules(), filesChecked: scope.values.length, scope: scope.reason, helmMissing, notices };
}

/** Capacity findings honour the config's `rules:` severities like policy rules ("off" drops them). */
function severityAllowed(project: Project, p: Problem): boolean {
  const setting = project.config.rules[p.ruleId];
  if (setting === undefined) return true;
  if (setting === "off") return false;
  p.severity = setting;
  return true;
}

