import { helmTemplate } from "@llmchart/manifests/helm";
import { checkConfig, CONFIG_FILE, parseSource, type ResolvedConfig } from "@llmchart/schema";
import { leadsOutsideRepository, OUTSIDE_REPOSITORY_MESSAGE } from "@llmchart/schema/repository";
import { applicationFor, layoutPaths, modelOf } from "@llmchart/sync";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { compareObjects, compileIgnore, type FieldChange } from "./compare.js";
import { DiffError } from "./errors.js";
import { blobId, listTree, openRepo, readBlobs, resolveBase, topPath, type ResolvedBase, type TreeEntry } from "./git.js";
import { objectKey, parseManifests, type K8sObject } from "./objects.js";
import { argoHookOf, describeHook } from "./hooks.js";
import { chartAfterRender, renderPending, type RenderPending, type RenderState } from "./render-pending.js";
import { risksOf, type ModelSizeLookup, type Risk } from "./risks.js";

/**
 * Where rendered manifests may be kept between runs (e.g. `check`'s cache). Keys are SHA-256 hex
 * of everything a render depends on: helm path, chart files, values text, release, namespace.
 */
export interface RenderStore {
  get(key: string): string | undefined;
  set(key: string, manifests: string): void;
}

export interface DiffOptions {
  /** The project root: where the config file is; inside a git work tree. */
  cwd: string;
  /** The working tree's config, resolved (`checkConfig`). */
  config: ResolvedConfig;
  /** cwd-relative config path (default `llmchart.config.yaml`); the base config is read from the same path. */
  configPath?: string;
  /** A git revision; default: HEAD when the working tree has changes, else the merge-base with `@{upstream}`, else HEAD. */
  base?: string;
  /** Only these models (values file names without `.yaml`); default every model. */
  models?: readonly string[];
  /** The helm binary (`findHelm(env)`). */
  helm: string;
  /** More ignore patterns (`[Kind:]path`, `*` within a key, `**` across): see compileIgnore. */
  ignore?: readonly string[];
  /** Leave out `helm.sh/chart` labels whose chart version alone moved (default true). */
  ignoreChartVersion?: boolean;
  /** helm processes at once (default: number of CPUs). */
  jobs?: number;
  /** Extra `helm template` arguments, e.g. `["--kube-version", "1.29.0"]`. */
  helmArgs?: readonly string[];
  cache?: RenderStore;
  /**
   * What `llmchart render` would write now (`render --check` of the work tree). When the chart on
   * disk is not what the config generates (a config or chart change render has not applied), the
   * working tree is rendered with the chart render would produce, and the result says render must
   * run (`renderPending`); stale Applications are named there too.
   */
  rendered?: RenderState;
  /** Pinned model sizes (the working tree's lock file) for download and load times; otherwise estimated from the file name. */
  modelSize?: ModelSizeLookup;
}

/** One object that differs between the base and the working tree. */
export interface ObjectDiff {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  change: "added" | "removed" | "changed";
  /** For a changed object: what changed. Empty for added and removed objects. */
  fields: FieldChange[];
  risks: Risk[];
  /**
   * Set for an object helm renders as a hook that Argo CD maps to its own (`helm.sh/hook:
   * pre-upgrade` → PreSync): it runs during a sync and is not kept as part of the application.
   * Hooks Argo CD does not support (rollback hooks) are left out, as Argo CD never applies them.
   */
  hook?: string;
}

/** A model whose inputs changed (values file, chart or config), rendered on both sides. */
export interface ModelDiff {
  model: string;
  release: string;
  namespace: string;
  /** cwd-relative values file (the base's when the model was removed). */
  valuesFile: string;
  /** added: no values file at the base; removed: none in the working tree. */
  status: "added" | "removed" | "changed";
  /** The objects that differ, by kind then name; empty when the change renders the same. */
  objects: ObjectDiff[];
  /** Set when helm could not render a side; then `objects` is empty. */
  error?: string;
}

export interface DiffResult {
  base: ResolvedBase;
  /** Why these models were rendered: "the chart changed", "1 values file changed", … */
  scope: string;
  models: ModelDiff[];
  /** Models not rendered because none of their inputs changed. */
  unchanged: string[];
  /** Generated files render has not brought up to date: the change is not complete until it runs. */
  renderPending?: RenderPending;
}

interface Side {
  config: ResolvedConfig;
  chartDir: string;
  /** cwd-relative chart path → blob id, for comparison and cache keys. */
  chart: Map<string, string>;
  /** model → cwd-relative values file. */
  values: Map<string, string>;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** The parts of the config that decide what helm renders and where (not the lint rules). */
function renderingConfig(c: ResolvedConfig): string {
  return stableJson({ layout: c.layout, chart: c.chart, images: c.images, features: c.features, argocd: c.argocd });
}

function walkFiles(abs: string, rel: string, out: Map<string, Buffer>): void {
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return;
  }
  for (const e of entries) {
    const a = join(abs, e);
    const r = posix.join(rel, e);
    const st = statSync(a, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walkFiles(a, r, out);
    else if (st.isFile()) out.set(r, readFileSync(a));
  }
}

function listValues(cwd: string, valuesDir: string): Map<string, string> {
  const out = new Map<string, string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(join(cwd, valuesDir));
  } catch {
    // No values folder: no models yet.
  }
  for (const e of entries.filter((e) => /\.ya?ml$/i.test(e)).sort()) {
    const file = posix.join(valuesDir, e);
    if (statSync(join(cwd, file), { throwIfNoEntry: false })?.isFile()) out.set(modelOf(file), file);
  }
  return out;
}

/** Runs `fn` over `items`, at most `limit` at once, results in order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

function fingerprint(chart: Map<string, string>, chartDir: string): string {
  return [...chart].map(([p, b]) => `${posix.relative(chartDir, p)}:${b}`).sort().join("\n");
}

function sameChart(a: Side, b: Side): boolean {
  return fingerprint(a.chart, a.chartDir) === fingerprint(b.chart, b.chartDir);
}

const KIND_ORDER = ["Deployment", "Service", "PersistentVolumeClaim", "Ingress"];
function compareKeys(a: K8sObject, b: K8sObject): number {
  const ka = KIND_ORDER.indexOf(a.kind);
  const kb = KIND_ORDER.indexOf(b.kind);
  const ra = ka < 0 ? KIND_ORDER.length : ka;
  const rb = kb < 0 ? KIND_ORDER.length : kb;
  return ra - rb || a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/**
 * What a change does to the cluster, per model and object: the base revision's chart, values and
 * config rendered with helm the way Argo CD renders them (release and namespace of the model's
 * Application), compared with the working tree rendered the same way. Only models whose inputs
 * changed are rendered; a change of the chart or of the config's rendering sections affects every
 * model. The work tree is never touched: base files are read with git into a temporary folder
 * that is removed afterwards.
 *
 * Throws DiffError (exit 2): not a git repository, unknown revision, unknown model, no helm, an
 * invalid base config. A model helm cannot render is reported in its `error`.
 */
export async function diffLayout(options: DiffOptions): Promise<DiffResult> {
  const temps: string[] = [];
  try {
    return await diffIn(options, temps);
  } finally {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  }
}

/** Writes files (`rel` → content, relative to `relTo`) into a new temporary folder; returns it. */
function materialise(files: ReadonlyMap<string, Buffer>, relTo: string, temps: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-diff-chart-"));
  temps.push(dir);
  for (const [rel, content] of files) {
    const abs = join(dir, posix.relative(relTo, rel));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

async function diffIn(options: DiffOptions, temps: string[]): Promise<DiffResult> {
  const { cwd, config } = options;
  if (!options.helm) throw new DiffError("no-helm", "no helm found (set LLMCHART_HELM, or put helm on PATH): llmchart diff renders both sides with helm");
  const configPath = posix.normalize(options.configPath ?? CONFIG_FILE);
  const repo = await openRepo(cwd);
  const base = await resolveBase(cwd, options.base);
  const headPaths = layoutPaths(config);
  const git = (p: string) => topPath(repo.prefix, p);

  const firstTree = listTree(repo.top, base.commit, [git(configPath), git(headPaths.chartDir), git(headPaths.valuesDir)]);

  // The working tree side, hashed as git would, so unchanged files are never read from git.
  let headFiles = new Map<string, Buffer>();
  walkFiles(join(cwd, headPaths.chartDir), headPaths.chartDir, headFiles);
  // A config or chart change render has not applied: the work tree's side is what render will produce.
  const pending = options.rendered ? renderPending(options.rendered, headPaths, configPath) : undefined;
  let headChartAbs = join(cwd, headPaths.chartDir);
  if (pending?.chart.length && options.rendered) {
    headFiles = chartAfterRender(options.rendered, headFiles);
    headChartAbs = materialise(headFiles, headPaths.chartDir, temps);
  }
  let headConfigText: Buffer | undefined;
  try {
    headConfigText = readFileSync(join(cwd, configPath));
  } catch {
    // The caller resolved the config some other way; the base config is then always parsed.
  }
  let tree = await firstTree;
  const algorithm = [...tree.values()][0]?.blob.length === 64 ? "sha256" : "sha1";
  const head: Side = {
    config,
    chartDir: headPaths.chartDir,
    chart: new Map([...headFiles].map(([p, b]) => [p, blobId(b, algorithm)])),
    values: listValues(cwd, headPaths.valuesDir),
  };
  const headValuesText = new Map<string, string>();
  const headValuesBlob = new Map<string, string>();
  // Values files never read, with why: a link out of the repository on either side.
  const refused = new Map<string, string>();
  for (const [model, file] of head.values) {
    if (leadsOutsideRepository(cwd, join(cwd, file))) {
      refused.set(model, `${OUTSIDE_REPOSITORY_MESSAGE} (io/outside-repository)`);
      headValuesBlob.set(model, "");
      continue;
    }
    const buf = readFileSync(join(cwd, file));
    headValuesText.set(model, buf.toString("utf8"));
    headValuesBlob.set(model, blobId(buf, algorithm));
  }

  // The base config: the working tree's when the file is the same blob.
  const entry = (p: string): TreeEntry | undefined => tree.get(git(p));
  const configEntry = entry(configPath);
  let baseConfig: ResolvedConfig | undefined;
  if (configEntry && headConfigText && configEntry.blob === blobId(headConfigText, algorithm)) baseConfig = config;
  else if (configEntry) {
    const text = (await readBlobs(repo.top, [configEntry.blob])).get(configEntry.blob)?.toString("utf8") ?? "";
    const checked = checkConfig(parseSource(configPath, text, { yaml: "1.2" }));
    if (!checked.config) {
      const first = checked.problems.find((p) => p.severity === "error");
      throw new DiffError("base-config", `${configPath} at ${base.rev} is invalid${first ? ` (${first.line}:${first.column} ${first.message})` : ""}; give another --base`);
    }
    baseConfig = checked.config;
  }

  // A base without a config has no layout: every model is new.
  const basePaths = baseConfig ? layoutPaths(baseConfig) : headPaths;
  if (baseConfig && (basePaths.chartDir !== headPaths.chartDir || basePaths.valuesDir !== headPaths.valuesDir)) {
    tree = await listTree(repo.top, base.commit, [git(basePaths.chartDir), git(basePaths.valuesDir)]);
  }
  const chartPrefix = `${git(basePaths.chartDir)}/`;
  const valuesPrefix = `${git(basePaths.valuesDir)}/`;
  const baseSide: Side = { config: baseConfig ?? config, chartDir: basePaths.chartDir, chart: new Map(), values: new Map() };
  const baseBlobs = new Map<string, TreeEntry>();
  if (baseConfig) {
    for (const [p, e] of tree) {
      if (p.startsWith(chartPrefix) && !e.symlink) {
        const rel = posix.join(basePaths.chartDir, p.slice(chartPrefix.length));
        baseSide.chart.set(rel, e.blob);
        baseBlobs.set(rel, e);
      } else if (p.startsWith(valuesPrefix) && !p.slice(valuesPrefix.length).includes("/") && /\.ya?ml$/i.test(p)) {
        const rel = posix.join(basePaths.valuesDir, p.slice(valuesPrefix.length));
        baseSide.values.set(modelOf(rel), rel);
        baseBlobs.set(rel, e);
        // A committed link's blob is the path it points to, not values: never rendered.
        if (e.symlink && !refused.has(modelOf(rel))) refused.set(modelOf(rel), `is a symbolic link at ${base.rev}; diff renders only regular values files (io/outside-repository)`);
      }
    }
  }

  // Scope: which models to render.
  const chartChanged = !sameChart(baseSide, head);
  const configChanged = !!baseConfig && baseConfig !== config && renderingConfig(baseConfig) !== renderingConfig(config);
  const everything = chartChanged || configChanged;
  let names = [...new Set([...baseSide.values.keys(), ...head.values.keys()])].sort();
  if (options.models?.length) {
    const unknown = options.models.filter((m) => !names.includes(m));
    if (unknown.length) throw new DiffError("unknown-model", `no values file for model${unknown.length === 1 ? "" : "s"} ${unknown.map((m) => `"${m}"`).join(", ")} in ${headPaths.valuesDir} or at ${base.rev}`);
    names = names.filter((n) => options.models!.includes(n));
  }
  const toRender: string[] = [];
  const unchanged: string[] = [];
  for (const model of names) {
    const b = baseSide.values.get(model);
    const h = head.values.get(model);
    if (b && h && !everything && baseBlobs.get(b)?.blob === headValuesBlob.get(model)) unchanged.push(model);
    else toRender.push(model);
  }
  const changedValues = toRender.length;
  const scope = !baseConfig
    ? `no ${configPath} at ${base.rev}: every model is new`
    : chartChanged && pending?.chart.length
    ? `the chart ${configPath} generates changed (render has not run): every model, with that chart`
    : chartChanged
    ? "the chart changed: every model"
    : configChanged
      ? `${configPath} changed: every model`
      : `${changedValues} values file${changedValues === 1 ? "" : "s"} changed`;

  // Base files that differ from the working tree go to a temporary folder; the rest is read in place.
  const needBlobs: string[] = [];
  if (chartChanged) for (const b of baseSide.chart.values()) needBlobs.push(b);
  for (const model of toRender) {
    const file = baseSide.values.get(model);
    if (file && !refused.has(model)) needBlobs.push(baseBlobs.get(file)!.blob);
  }
  const blobs = await readBlobs(repo.top, needBlobs);
  const tmp = mkdtempSync(join(tmpdir(), "llmchart-diff-"));
  try {
    // An unchanged chart is the work tree's side (on disk, or as render will produce it).
    let baseChartAbs = headChartAbs;
    if (chartChanged) {
      baseChartAbs = join(tmp, "chart");
      for (const [rel, blob] of baseSide.chart) {
        const abs = join(baseChartAbs, posix.relative(baseSide.chartDir, rel));
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, blobs.get(blob) ?? Buffer.alloc(0));
      }
    }
    const headFp = fingerprint(head.chart, head.chartDir);
    const baseFp = fingerprint(baseSide.chart, baseSide.chartDir);
    const ignore = compileIgnore(options.ignore ?? []);
    const ignoreChartVersion = options.ignoreChartVersion ?? true;
    const helmArgs = options.helmArgs ?? [];

    interface Task {
      model: string;
      side: "base" | "head";
      release: string;
      namespace: string;
      chartAbs: string;
      fp: string;
      valuesAbs: string;
      text: string;
    }
    const target = (model: string, file: string, c: ResolvedConfig) => {
      const app = applicationFor(model, file, c) as { metadata: { name: string }; spec: { destination: { namespace: string } } };
      return { release: app.metadata.name, namespace: app.spec.destination.namespace };
    };
    const tasks: Task[] = [];
    for (const model of toRender) {
      if (refused.has(model)) continue;
      const b = baseSide.values.get(model);
      const h = head.values.get(model);
      if (b) {
        const text = blobs.get(baseBlobs.get(b)!.blob)?.toString("utf8") ?? "";
        const valuesAbs = join(tmp, "values", posix.basename(b));
        mkdirSync(dirname(valuesAbs), { recursive: true });
        writeFileSync(valuesAbs, text);
        tasks.push({ model, side: "base", ...target(model, b, baseSide.config), chartAbs: baseChartAbs, fp: baseFp, valuesAbs, text });
      }
      if (h) tasks.push({ model, side: "head", ...target(model, h, config), chartAbs: headChartAbs, fp: headFp, valuesAbs: join(cwd, h), text: headValuesText.get(model)! });
    }

    const rendered = await pool(tasks, options.jobs ?? availableParallelism(), async (t) => {
      const key = createHash("sha256").update(stableJson([options.helm, helmArgs, t.fp, t.text, t.release, t.namespace])).digest("hex");
      const hit = options.cache?.get(key);
      if (hit !== undefined) return { task: t, manifests: hit, error: undefined };
      const r = await helmTemplate(options.helm, { chartDir: t.chartAbs, release: t.release, namespace: t.namespace, valuesFiles: [t.valuesAbs], cwd, extraArgs: helmArgs });
      if (r.code !== 0) {
        const first = (r.stderr.split("\n").find((l) => l.trim()) ?? `helm exited with ${r.code}`).replace(/^Error: /, "");
        if (r.code === 127) throw new DiffError("no-helm", first.trim());
        return { task: t, manifests: "", error: `helm template ${t.release} failed on the ${t.side === "base" ? `base (${base.rev})` : "working tree"}: ${first}` };
      }
      options.cache?.set(key, r.stdout);
      return { task: t, manifests: r.stdout, error: undefined };
    });

    const models: ModelDiff[] = [];
    for (const model of toRender) {
      const why = refused.get(model);
      if (why !== undefined) {
        const file = head.values.get(model) ?? baseSide.values.get(model)!;
        models.push({ model, ...target(model, file, head.values.has(model) ? config : baseSide.config), valuesFile: file, status: !baseSide.values.has(model) ? "added" : !head.values.has(model) ? "removed" : "changed", objects: [], error: why });
        continue;
      }
      const b = rendered.find((r) => r.task.model === model && r.task.side === "base");
      const h = rendered.find((r) => r.task.model === model && r.task.side === "head");
      const shown = (h ?? b)!.task;
      const diff: ModelDiff = {
        model,
        release: shown.release,
        namespace: shown.namespace,
        valuesFile: head.values.get(model) ?? baseSide.values.get(model)!,
        status: !b ? "added" : !h ? "removed" : "changed",
        objects: [],
      };
      const error = b?.error ?? h?.error;
      if (error) {
        diff.error = error;
        models.push(diff);
        continue;
      }
      const before = b ? parseManifests(b.manifests, b.task.namespace) : new Map<string, K8sObject>();
      const after = h ? parseManifests(h.manifests, h.task.namespace) : new Map<string, K8sObject>();
      const all = [...new Map([...before, ...after]).values()].sort(compareKeys);
      for (const o of all) {
        const hook = argoHookOf(o);
        if (hook?.kind === "ignored") continue;
        const key = objectKey(o);
        const was = before.get(key);
        const now = after.get(key);
        const change = !was ? "added" : !now ? "removed" : "changed";
        const fields = was && now ? compareObjects(was, now, { ignore, ignoreChartVersion }) : [];
        if (change === "changed" && !fields.length) continue;
        const risks = risksOf({ change, before: was, after: now, fields, baseObjects: before, headObjects: after, ...(options.modelSize ? { modelSize: options.modelSize } : {}) });
        diff.objects.push({ kind: o.kind, apiVersion: (now ?? was)!.apiVersion, namespace: o.namespace, name: o.name, change, fields, risks, ...(hook ? { hook: describeHook(hook) } : {}) });
      }
      models.push(diff);
    }
    return { base, scope, models, unchanged, ...(pending ? { renderPending: pending } : {}) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
