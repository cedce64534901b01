import { CONFIG_FILE, checkConfig, countProblems, type Problem, type RuleMeta } from "@llmchart/schema";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseCommandArgs, parseMaxWarnings } from "../args.js";
import { hashTree, helmIdentity, RenderCache } from "../check/cache.js";
import { checkGenerated } from "../check/generated.js";
import { lintWithCache, sameConfig } from "../check/lint-cache.js";
import { loadManifests, preloadModels } from "../check/manifests.js";
import { UsageError } from "../errors.js";
import { displayPath, readConfigSource } from "../files.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import { changedFiles, gitTopLevel } from "../git.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { loadConfig } from "../lint/config.js";
import { toolIdentity, toolVersion } from "../version.js";
import { renderRules } from "./render.js";
import { listValuesFiles } from "../layout.js";

export const checkHelp = `Usage: llmchart check [options] [files...]

The one command for CI and pre-commit: schema and policy lint of every values file, render
--check of the chart and the Argo CD Applications, then \`helm template\` of every model (with the
release name and namespace Argo CD uses) and validation of every rendered manifest and every
Application against the Kubernetes and Argo CD schemas.

Files: only the models these values files define (a chart, config or schema file among them
means every model); files outside the layout are ignored, and none left means nothing to do.
This is how the pre-commit framework's hook (pass_filenames) calls it.

Options:
      --changed            only what the staged/changed files affect (pre-commit)
      --since <rev>        only what changed since a git revision (pull requests)
      --require-helm       fail when no helm is found instead of skipping the render stage
      --no-cache           do everything again, even what has a fresh cached result
  -j, --jobs <n>           models rendered in parallel (default: number of CPUs)
  -c, --config <file>      config file (default: ${CONFIG_FILE})
  -f, --format <name>      ${FORMAT_NAMES.join(" | ")} (default: stylish)
      --max-warnings <n>   exit 1 when there are more than n warnings
  -h, --help               show this help

Helm is taken from LLMCHART_HELM, HELM_BIN or PATH. Results (helm renders and their manifest
problems, lint problems, generated files) are cached in .llmchart-cache/ (LLMCHART_CACHE_DIR to
move it), keyed by the content of everything they depend on.
Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

export const checkRules: readonly RuleMeta[] = [
  { id: "helm/template", description: "`helm template` failed for a model.", defaultSeverity: "error" },
  { id: "helm/skipped", description: "No helm was found, so the render stage was skipped.", defaultSeverity: "warning" },
];

interface Scope {
  /** Values files (cwd-relative) to lint and render. */
  values: string[];
  /** Why, for the summary line. */
  reason: string;
}

/** Maps changed files to what they affect: a values file → its model; chart, config or schema → every model. */
async function changedScope(cwd: string, since: string | undefined, all: string[], paths: { chartDir: string; valuesDir: string; applicationsDir: string }, configPath: string, asked: Promise<GitChanges>): Promise<Scope | undefined> {
  const { top, changed } = await asked;
  if (!top || !changed) throw new UsageError(`${since ? "--since" : "--changed"} needs a git repository`);
  const rel = changed.map((p) => relative(cwd, join(top, p)).split(sep).join("/")).filter((p) => p && !p.startsWith("../") && !isAbsolute(p));
  const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
  if (rel.some((p) => under(p, paths.chartDir) || p === configPath || under(p, "schemas"))) {
    return { values: all, reason: "the chart, config or schemas changed" };
  }
  const touched = new Set(rel);
  const values = all.filter((f) => touched.has(f));
  const appsChanged = rel.some((p) => under(p, paths.applicationsDir) || under(p, paths.valuesDir));
  if (!values.length && !appsChanged) return undefined;
  return { values, reason: `${values.length} changed values file${values.length === 1 ? "" : "s"}` };
}

interface GitChanges {
  top: string | undefined;
  changed: string[] | undefined;
}

/**
 * Asks git what changed; started before the config is read, so git runs meanwhile. Never
 * rejects. Uncommitted changes are listed from `cwd` at the same time as the top level is asked.
 */
async function askGit(cwd: string, since: string | undefined): Promise<GitChanges> {
  if (since === undefined) {
    const [top, changed] = await Promise.all([gitTopLevel(cwd), changedFiles(cwd)]);
    return { top, changed };
  }
  const top = await gitTopLevel(cwd);
  return { top, changed: top ? await changedFiles(top, since) : undefined };
}

/** Runs `fn` over `items` with at most `limit` running at once, keeping the order of results. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

function fileProblem(file: string, ruleId: string, severity: Problem["severity"], message: string): Problem {
  return { ruleId, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1, path: "" };
}

export async function check(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      changed: { type: "boolean", default: false },
      since: { type: "string" },
      "require-helm": { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      jobs: { type: "string", short: "j" },
      config: { type: "string", short: "c", default: CONFIG_FILE },
      format: { type: "string", short: "f", default: "stylish" },
      "max-warnings": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(checkHelp);
    return 0;
  }
  if (values.changed && values.since !== undefined) throw new UsageError("give --changed or --since, not both");
  if (positionals.length && (values.changed || values.since !== undefined)) throw new UsageError("give files or --changed/--since, not both");
  const formatter = await loadFormatter(values.format ?? "stylish");
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a positive integer, got "${values.jobs}"`);
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const configPath = values.config ?? CONFIG_FILE;
  const rules: RuleMeta[] = [...renderRules, ...checkRules];
  const emit = (problems: Problem[], filesChecked: number): number => {
    io.stdout(formatter(problems, { color: useColor(io), rules, toolName: "llmchart", toolVersion: toolVersion(), filesChecked }));
    const counts = countProblems(problems);
    if (counts.error > 0) return 1;
    if (maxWarnings !== undefined && counts.warning > maxWarnings) {
      io.stderr(`llmchart: ${counts.warning} warnings exceed --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  };

  const asked: Promise<GitChanges> | undefined = positionals.length
    ? Promise.resolve({ top: io.cwd, changed: positionals.map((p) => relative(io.cwd, resolve(io.cwd, p)).split(sep).join("/")) })
    : values.changed || values.since !== undefined ? askGit(io.cwd, values.since) : undefined;

  // 1. Config: without a valid config nothing else can be judged.
  const configSource = readConfigSource(io.cwd, configPath);
  const checkedConfig = checkConfig(configSource);
  if (!checkedConfig.config) return emit(checkedConfig.problems, 1);
  const config = checkedConfig.config;
  const sync = await import("@llmchart/sync");
  const paths = sync.layoutPaths(config);
  const allValues = listValuesFiles(io.cwd, paths.valuesDir);

  // 2. Scope.
  let scope: Scope = { values: allValues, reason: "all models" };
  if (asked) {
    const s = await changedScope(io.cwd, values.since, allValues, paths, displayPath(io.cwd, join(io.cwd, configPath)), asked);
    if (!s) {
      if (values.format === "stylish") io.stdout("llmchart check: nothing under the LLM layout changed\n");
      else io.stdout(formatter([], { color: false, rules, toolName: "llmchart", toolVersion: toolVersion(), filesChecked: 0 }));
      return 0;
    }
    scope = s;
  }

  const cacheDir = values["no-cache"] ? undefined : io.env.LLMCHART_CACHE_DIR ? resolve(io.cwd, io.env.LLMCHART_CACHE_DIR) : join(io.cwd, ".llmchart-cache");
  const cache = new RenderCache(cacheDir, (line) => io.stderr(`llmchart: warning: ${line}\n`));
  const tool = toolIdentity();
  const manifests = await loadManifests();
  const helm = manifests.findHelm(io.env);
  const chartAbs = join(io.cwd, paths.chartDir);
  const shared = helm ? [tool, helmIdentity(helm), hashTree(chartAbs), configSource.text] : [];
  const target = (file: string) => {
    const app = sync.applicationFor(sync.modelOf(file), file, config) as { metadata: { name: string }; spec: { destination: { namespace: string } } };
    return { release: app.metadata.name, namespace: app.spec.destination.namespace };
  };
  const renderKey = (file: string, text: string) => {
    const { release, namespace } = target(file);
    return RenderCache.key([...shared, file, text, release, namespace]);
  };
  const helmRun = (file: string) => manifests.helmTemplate(helm!, { chartDir: chartAbs, ...target(file), valuesFiles: [join(io.cwd, file)], cwd: io.cwd });


  // 3. Schema + policy lint of the values files in scope: each file read once; parsed (once, for
  // every stage) only when its cached result is not fresh.
  const problems: Problem[] = [...checkedConfig.problems];
  const same = sameConfig(io.cwd, configPath, configSource.path, configSource.text, config);
  const lintConfig = same ?? { loaded: loadConfig(io.cwd), text: readIfExists(join(io.cwd, CONFIG_FILE)) };
  const linted = await lintWithCache(scope.values, { cwd: io.cwd, loaded: lintConfig.loaded, configText: lintConfig.text, cache, tool });
  problems.push(...linted.problems);
  rules.push(...linted.rules);

  // 4. helm template of every model in scope whose values lint without errors, started now so
  // helm runs while this process checks the generated files (step 5) on the other core.
  const erroneous = new Set(linted.problems.filter((p) => p.severity === "error").map((p) => p.file));
  const renderable = linted.files.filter((f) => !erroneous.has(f.path));
  let rendered: Promise<Problem[][]> | undefined;
  if (helm && renderable.length) {
    const progress = io.isTTY && renderable.length > 5;
    let done = 0;
    let spawned = false;
    rendered = pool(renderable, jobs, async (source) => {
      const key = renderKey(source.path, source.text);
      const { release } = target(source.path);
      let found = cache.get(key);
      if (!found) {
        spawned = true;
        const r = await helmRun(source.path);
        await preloadModels();
        if (r.code !== 0) {
          const first = r.stderr.split("\n").find((l) => l.trim()) ?? `helm exited with ${r.code}`;
          found = [fileProblem(source.path, "helm/template", "error", `helm template ${release} failed: ${first.replace(/^Error: /, "")}`)];
        } else {
          // Rendered manifests have no file of their own: report them at the values file that produced them.
          found = manifests.validateManifests(r.stdout, source.path).map((p) => ({ ...p, line: 1, column: 1, endLine: 1, endColumn: 1, message: `rendered manifest: ${p.message}` }));
        }
        if (r.code !== 127) cache.set(key, found);
      }
      if (progress) io.stderr(`\rllmchart check: rendered ${++done}/${renderable.length} models`);
      return found;
    });
    // Awaited below; until then a failure of step 5 must not leave this promise unobserved.
    rendered.catch(() => undefined);
    // While helm renders, load the validators its output will need.
    if (spawned) void preloadModels();
  }

  // 5. render --check of the chart and the Applications, and the Applications against the Argo CD schema.
  problems.push(...(await checkGenerated({ cwd: io.cwd, config, configSource, valuesFiles: allValues, applicationsDir: paths.applicationsDir, cache, tool })));

  // 6. The rendered models' manifests, or why there are none.
  if (!helm) {
    if (values["require-helm"]) {
      io.stderr("llmchart: no helm found (set LLMCHART_HELM, or put helm on PATH); --require-helm makes this an error\n");
      return 2;
    }
    if (renderable.length) {
      problems.push(fileProblem(configSource.path, "helm/skipped", "warning", `no helm found (set LLMCHART_HELM or put helm on PATH): rendering and manifest validation of ${renderable.length} model${renderable.length === 1 ? " was" : "s were"} skipped`));
    }
  } else if (rendered) {
    const results = await rendered;
    if (io.isTTY && renderable.length > 5) io.stderr("\n");
    for (const r of results) problems.push(...r);
    rules.push(...manifests.manifestRules);
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return emit(problems, scope.values.length);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
