import { chartValues, renderChart } from "@llmchart/chart";
import {
  checkConfig,
  CONFIG_FILE,
  configSchema,
  defaultConfig,
  isGenerated,
  locate,
  nodeRange,
  parseSource,
  toData,
  valuesSchema,
  type PathSegment,
  type ResolvedConfig,
  type SourceFile,
} from "@llmchart/schema";
import { leadsOutsideRepository } from "@llmchart/schema/repository";
import { renderApplications } from "@llmchart/sync";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { Document, isScalar } from "yaml";
import { isPlaceholderRepoUrl } from "./placeholder.js";

/** One inferred setting: what it is, its value, and the `file:line` it was read from. */
export interface Inferred {
  /** The config key, dotted (`argocd.models.mistral7b.targetRevision`). */
  what: string;
  value: unknown;
  /** `file:line` it was read from, or the command (`git remote get-url origin`). */
  from: string;
  /** Why this source was chosen, when there was a choice (how the chart was found). */
  note?: string;
}

/** Something of the existing layout the config cannot express, and why. */
export interface NotCarried {
  what: string;
  why: string;
}

export interface InferOptions {
  /** The repository root. */
  cwd: string;
  /**
   * The URL of the repository's `origin` remote (`git remote get-url origin`, asked by the
   * caller), for repoURL when no Application names one; undefined when there is none.
   */
  originUrl?: string;
}

export interface InferResult {
  /** The config as plain data, in the order llmchart.config.yaml shows it. Valid against schemas/config.schema.json. */
  config: Record<string, unknown>;
  /** The comment block that heads the file (lines without `#`). */
  header: string;
  /** `llmchart.config.yaml` as it should be written: header comment plus YAML. */
  text: string;
  report: Inferred[];
  notCarried: NotCarried[];
  /** Repo-relative paths of hand-written files (no generated header) that `render` will produce, sorted. */
  adopt: string[];
}

/** Folders never searched: VCS data, dependencies, build output. */
const SKIP_DIRS = new Set([".git", "node_modules", "dist", "build", "vendor", ".turbo", ".cache"]);
/** Bounds of the search, so a huge monorepo costs a bounded walk. */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 50_000;
const MAX_YAML_BYTES = 256 * 1024;

interface Found {
  charts: string[];
  yamlFiles: string[];
}

/** Every Chart.yaml folder and every small YAML file under the root, repo-relative, sorted. */
function walk(cwd: string): Found {
  const charts: string[] = [];
  const yamlFiles: string[] = [];
  let seen = 0;
  const visit = (rel: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let entries;
    try {
      entries = readdirSync(join(cwd, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      // Symlinks are not followed: a link could lead out of the repository or into a loop.
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) visit(path, depth + 1);
      } else if (entry.isFile()) {
        if (entry.name === "Chart.yaml") charts.push(rel);
        else if (/\.ya?ml$/i.test(entry.name)) yamlFiles.push(path);
      }
    }
  };
  visit("", 0);
  return { charts, yamlFiles };
}

function read(cwd: string, path: string): SourceFile | undefined {
  try {
    const abs = join(cwd, path);
    // A link out of the repository is never read (io/outside-repository): nothing of it may reach the inferred config or the report.
    if (leadsOutsideRepository(cwd, abs)) return undefined;
    if (lstatSync(abs).size > MAX_YAML_BYTES) return undefined;
    return parseSource(path, readFileSync(abs, "utf8"));
  } catch {
    return undefined;
  }
}

function dataOf(source: SourceFile | undefined): Record<string, unknown> | undefined {
  if (!source || source.doc.errors.length) return undefined;
  const result = toData(source);
  return result.ok && isObject(result.data) ? result.data : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `file:line` of the node at `path` (of its key when it has one), or of the file. */
function at(source: SourceFile, path: readonly PathSegment[]): string {
  const loc = locate(source.doc, path);
  const range = nodeRange(loc.keyNode ?? loc.node ?? loc.nearest);
  const line = range ? source.lineCounter.linePos(range[0]).line : 1;
  return `${source.path}:${line}`;
}

/** A stable text of a value, to compare and count values. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "undefined";
}

/** "" means unset (as in Helm charts): drops empty strings, and maps left empty by that. */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === "" || val === null) continue;
    out[k] = withoutEmpty(val);
  }
  return out;
}

/** Helm's coalescing: maps merge key by key, anything else is replaced. */
function overlay(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? overlay(base[k], v) : v;
  return out;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

/** The most frequent value (by content); a tie goes to the one seen first. */
function mode<T>(values: readonly T[]): T | undefined {
  const counts = new Map<string, { value: T; n: number; first: number }>();
  values.forEach((value, i) => {
    const key = canonical(value);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { value, n: 1, first: i });
  });
  let best: { value: T; n: number; first: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.first < best.first)) best = c;
  return best?.value;
}

/** Argo CD treats `…/repo` and `…/repo.git` (and a trailing slash) as the same repository. */
function sameRepo(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, "").replace(/\.git$/i, "");
  return norm(a) === norm(b);
}

/** A Helm chart folder whose name says it serves llama.cpp / LLMs. */
const LLM_CHART = /llama|llm|gguf/i;

interface App {
  file: string;
  source: SourceFile;
  data: Record<string, unknown>;
  /** Only document of its file: render can take the file over. */
  single: boolean;
}

interface ModelApp {
  model: string;
  valuesFile: string;
  app: App;
  name: string;
  release: string;
  namespace: string | undefined;
  project: string | undefined;
  repoURL: string | undefined;
  targetRevision: string | undefined;
  destination: Record<string, unknown> | undefined;
  syncPolicy: Record<string, unknown> | undefined;
}

/** The Argo CD Applications among the YAML files (apiVersion argoproj.io/…, kind Application). */
function findApplications(cwd: string, yamlFiles: readonly string[]): App[] {
  const apps: App[] = [];
  for (const file of yamlFiles) {
    let text: string;
    try {
      const abs = join(cwd, file);
      if (lstatSync(abs).size > MAX_YAML_BYTES || leadsOutsideRepository(cwd, abs)) continue;
      text = readFileSync(abs, "utf8");
    } catch {
      continue;
    }
    // Cheap filter before parsing every YAML file of the repository.
    if (!text.includes("argoproj.io") || !/kind:\s*["']?Application["']?\s*$/m.test(text)) continue;
    const source = parseSource(file, text);
    const data = dataOf(source);
    if (data && String(data.apiVersion ?? "").startsWith("argoproj.io/") && data.kind === "Application") apps.push({ file, source, data, single: true });
  }
  return apps;
}

/** Facts of the config and where each came from, collected while inferring. */
class Collector {
  readonly report: Inferred[] = [];
  readonly notCarried: NotCarried[] = [];
  inferred(what: string, value: unknown, from: string, note?: string): void {
    this.report.push(note ? { what, value, from, note } : { what, value, from });
  }
  skipped(what: string, why: string): void {
    this.notCarried.push({ what, why });
  }
  /** Takes back the inferred lines at `what` and below it (a value the config refused after all). */
  retract(what: string): Inferred[] {
    const gone = this.report.filter((r) => r.what === what || r.what.startsWith(`${what}.`));
    for (const r of gone) this.report.splice(this.report.indexOf(r), 1);
    return gone;
  }
}

/** Keys a generated Application carries; anything else in a hand-written one is reported as not carried. */
const APP_KEYS = new Set([
  "apiVersion",
  "kind",
  "metadata",
  "metadata.name",
  "metadata.namespace",
  "spec",
  "spec.project",
  "spec.source",
  "spec.source.repoURL",
  "spec.source.targetRevision",
  "spec.source.path",
  "spec.source.helm",
  "spec.source.helm.valueFiles",
  "spec.source.helm.releaseName",
  "spec.destination",
  "spec.destination.server",
  "spec.destination.name",
  "spec.destination.namespace",
  "spec.syncPolicy",
  "spec.syncPolicy.automated",
  "spec.syncPolicy.syncOptions",
  "spec.syncPolicy.retry",
]);

function unknownAppKeys(data: Record<string, unknown>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!APP_KEYS.has(path)) out.push(path);
    else if (isObject(v) && !["spec.syncPolicy.automated", "spec.syncPolicy.retry", "spec.destination"].includes(path)) out.push(...unknownAppKeys(v, path));
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** Reads the model Applications that deploy `chartDir`: one values file each, named after the model. */
function modelApps(apps: readonly App[], chartDir: string, c: Collector): ModelApp[] {
  const out: ModelApp[] = [];
  for (const app of apps) {
    const spec = isObject(app.data.spec) ? app.data.spec : {};
    const source = isObject(spec.source) ? spec.source : {};
    const path = str(source.path);
    const deploysChart = (p: unknown) => typeof p === "string" && posix.normalize(p).replace(/\/+$/, "") === chartDir;
    if (!path && Array.isArray(spec.sources) && spec.sources.some((s) => isObject(s) && deploysChart(s.path))) {
      c.skipped(`Application ${String(isObject(app.data.metadata) ? app.data.metadata.name : app.file)} (${app.file})`, "a multi-source Application (spec.sources); llmchart generates single-source Applications, so this one is left as it is");
      continue;
    }
    if (!deploysChart(path)) continue;
    const helm = isObject(source.helm) ? source.helm : {};
    const valueFiles = Array.isArray(helm.valueFiles) ? helm.valueFiles.filter((v): v is string => typeof v === "string") : [];
    const name = str(isObject(app.data.metadata) ? app.data.metadata.name : undefined) ?? app.file;
    if (valueFiles.length !== 1) {
      c.skipped(`Application ${name} (${app.file})`, valueFiles.length === 0 ? "it names no values file (helm.valueFiles); llmchart generates one Application per values file" : `it layers ${valueFiles.length} values files; a generated Application passes exactly one (its model's)`);
      continue;
    }
    const valuesFile = posix.normalize(posix.join(chartDir, valueFiles[0]!));
    const model = posix.basename(valuesFile).replace(/\.ya?ml$/i, "");
    const metadata = isObject(app.data.metadata) ? app.data.metadata : {};
    out.push({
      model,
      valuesFile,
      app,
      name,
      release: str(helm.releaseName) ?? name,
      namespace: str(metadata.namespace),
      project: str(spec.project),
      repoURL: str(source.repoURL),
      targetRevision: str(source.targetRevision),
      destination: isObject(spec.destination) ? spec.destination : undefined,
      syncPolicy: isObject(spec.syncPolicy) ? spec.syncPolicy : undefined,
    });
    for (const key of unknownAppKeys(app.data)) {
      c.skipped(`${key} of Application ${name} (${at(app.source, key.split("."))})`, "generated Applications do not carry it; render would drop it");
    }
  }
  return out.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

/** The folder holding most of `files`. */
function commonDir(files: readonly string[]): string | undefined {
  return mode(files.map((f) => posix.dirname(f)));
}

/** The deepest folder containing every one of `dirs`. */
function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => d.split("/"));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const part = split[0]?.[i];
    if (part === undefined || split.some((s) => s[i] !== part)) break;
    out.push(part);
  }
  return out.join("/");
}

/**
 * The chart to adopt. In order: the chart the Applications deploy (spec.source.path, most
 * common), a chart under the conventional `infra/apps/llm/charts/`, then any chart whose folder
 * or name says llama/llm/gguf, then the only chart of the repository.
 */
function chooseChart(cwd: string, charts: readonly string[], apps: readonly App[], c: Collector): { dir: string; why: string } | undefined {
  const fromApps = mode(
    apps
      .map((a) => (isObject(a.data.spec) && isObject(a.data.spec.source) ? str(a.data.spec.source.path) : undefined))
      .filter((p): p is string => p !== undefined)
      .map((p) => posix.normalize(p).replace(/\/+$/, ""))
      .filter((p) => charts.includes(p)),
  );
  if (fromApps) return { dir: fromApps, why: "the chart the Argo CD Applications deploy (spec.source.path)" };
  const conventional = charts.filter((d) => posix.dirname(d) === "infra/apps/llm/charts");
  const named = (list: readonly string[]) =>
    list.filter((d) => LLM_CHART.test(posix.basename(d)) || LLM_CHART.test(String(dataOf(read(cwd, `${d}/Chart.yaml`))?.name ?? "")));
  const pick = named(conventional)[0] ?? conventional[0];
  if (pick) return { dir: pick, why: "the conventional place, infra/apps/llm/charts/" };
  const byName = named(charts);
  if (byName.length > 1) c.skipped(`charts ${byName.slice(1).join(", ")}`, `several charts look like llama.cpp charts; ${byName[0]} was taken — edit layout in ${CONFIG_FILE} to pick another`);
  if (byName[0]) return { dir: byName[0], why: "a chart whose folder or name says llama/llm/gguf" };
  if (charts.length === 1) return { dir: charts[0]!, why: "the only Helm chart of the repository" };
  return undefined;
}

/** Keys the config's `defaults:` accepts (schemas/config.schema.json). */
function defaultsKeys(): string[] {
  const props = (configSchema.properties as Record<string, { properties?: Record<string, unknown> }>).defaults?.properties ?? {};
  return Object.keys(props);
}

function inferChartMetadata(chartYaml: SourceFile | undefined, config: Record<string, unknown>, c: Collector): void {
  const data = dataOf(chartYaml);
  if (!chartYaml || !data) return;
  const chart: Record<string, unknown> = {};
  for (const key of ["name", "version", "appVersion", "description", "kubeVersion"] as const) {
    const v = data[key];
    if (v === undefined || v === null || v === "") continue;
    // As written: `appVersion: 1.10` is the text "1.10" to Helm, not the number 1.1.
    const node = locate(chartYaml.doc, [key]).node;
    const text = isScalar(node) && typeof v !== "string" && typeof node.source === "string" ? node.source : String(v);
    chart[key] = text;
    c.inferred(`chart.${key}`, text, at(chartYaml, [key]));
  }
  if (Object.keys(chart).length) config.chart = chart;
}

/** A llama-server build tag (the config accepts nothing else for the server image). */
const SERVER_BUILD = /^server-b[0-9]+$/;

/** Why a server tag that names no build was pinned, in plain words, and how to choose another. */
function floatingServerTag(tag: string, build: string): string {
  const moves = tag === "server" || tag === "latest" || /^server-[a-z]+$/.test(tag) || !/\d/.test(tag);
  const what = moves ? `the image tag \`${tag}\` moves with every llama.cpp release` : `the image tag \`${tag}\` is not a llama-server build (server-b<number>)`;
  return `${what}: pinned to ${build}, the build llmchart's rules know; set images.server.tag to choose another`;
}

/** Images and chart-wide defaults from the hand-written chart's values.yaml. */
function inferFromChartValues(valuesYaml: SourceFile | undefined, config: Record<string, unknown>, c: Collector): void {
  const data = dataOf(valuesYaml);
  if (!valuesYaml || !data) return;
  const images: Record<string, unknown> = {};
  const imageOf = (path: string[], target: "server" | "downloader") => {
    let node: unknown = data;
    for (const p of path) node = isObject(node) ? node[p] : undefined;
    if (!isObject(node)) return;
    const repository = str(node.repository);
    const tag = node.tag === undefined || node.tag === null ? undefined : str(String(node.tag));
    if (!repository && !tag) return;
    const pinned = defaultConfig.images[target];
    const build = target === "server" && tag !== undefined && !SERVER_BUILD.test(tag) ? pinned.tag : undefined;
    images[target] = { repository: repository ?? pinned.repository, tag: build ?? tag ?? pinned.tag };
    if (repository) c.inferred(`images.${target}.repository`, repository, at(valuesYaml, [...path, "repository"]));
    if (build) c.inferred(`images.${target}.tag`, build, at(valuesYaml, [...path, "tag"]), floatingServerTag(tag!, build));
    else if (tag) c.inferred(`images.${target}.tag`, tag, at(valuesYaml, [...path, "tag"]));
  };
  imageOf(["image"], "server");
  imageOf(["initDownloader", "image"], "downloader");
  if (Object.keys(images).length) config.images = images;

  const generated = chartValues(defaultConfig);
  const carried = new Set(defaultsKeys());
  const known = new Set(Object.keys((valuesSchema.properties as Record<string, unknown>) ?? {}));
  const defaults: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (key === "image" || (key === "initDownloader" && isObject(raw) && Object.keys(raw).every((k) => k === "image"))) continue;
    const value = withoutEmpty(raw);
    // Nothing to carry when the generated chart's own default already says the same.
    if (isEmptyValue(value) || canonical(overlay(generated[key], value)) === canonical(generated[key])) continue;
    const from = at(valuesYaml, [key]);
    if (carried.has(key)) {
      defaults[key] = value;
      c.inferred(`defaults.${key}`, value, from);
    } else if (known.has(key)) {
      c.skipped(`${key} (${from})`, `a model's own value, not a chart-wide default llmchart carries: set it in each values file that needs it`);
    } else {
      c.skipped(`${key} (${from})`, "not a value of the generated chart (see its values.schema.json); the hand-written templates that read it are replaced by render");
    }
  }
  if (Object.keys(defaults).length) config.defaults = defaults;
}

/** What most models share, at the top level of `argocd`; the models that differ, for overrides. */
type Shared = <T>(what: string, pick: (m: ModelApp) => T | undefined, path: string[]) => { value: T | undefined; odd: ModelApp[] };

function sharedOf(models: readonly ModelApp[], c: Collector): Shared {
  return <T>(what: string, pick: (m: ModelApp) => T | undefined, path: string[]) => {
    const have = models.filter((m) => pick(m) !== undefined);
    const value = mode(have.map((m) => pick(m) as T));
    if (value === undefined) return { value, odd: [] };
    const first = have.find((m) => canonical(pick(m)) === canonical(value))!;
    c.inferred(`argocd.${what}`, value, at(first.app.source, path));
    return { value, odd: have.filter((m) => canonical(pick(m)) !== canonical(value)) };
  };
}

/**
 * repoURL: the one most Applications name (an example URL is never written), else the git remote
 * origin the caller found.
 */
function inferRepoUrl(models: readonly ModelApp[], argocd: Record<string, unknown>, c: Collector, origin: string | undefined): void {
  const from = (m: ModelApp) => at(m.app.source, ["spec", "source", "repoURL"]);
  const repo = mode(models.map((m) => m.repoURL).filter((u): u is string => u !== undefined));
  if (repo === undefined) {
    if (origin && !isPlaceholderRepoUrl(origin)) {
      argocd.repoURL = origin;
      c.inferred("argocd.repoURL", origin, "git remote get-url origin");
    } else {
      c.skipped("argocd.repoURL", origin ? `the git remote origin (${origin}) is an example URL; set argocd.repoURL before render` : "no Argo CD Application to read it from and no git remote origin; set argocd.repoURL before render");
    }
    return;
  }
  const first = models.find((m) => m.repoURL === repo)!;
  if (isPlaceholderRepoUrl(repo)) {
    c.skipped(`argocd.repoURL ${repo} (${from(first)})`, "an example URL Argo CD cannot clone; set argocd.repoURL to this repository's Git URL");
  } else {
    argocd.repoURL = repo;
    c.inferred("argocd.repoURL", repo, from(first));
  }
  for (const m of models) {
    if (m.repoURL !== undefined && !sameRepo(m.repoURL, repo)) {
      c.skipped(`spec.source.repoURL ${m.repoURL} of Application ${m.name} (${from(m)})`, `one repoURL serves every model; render writes ${repo}`);
    }
  }
}

/** The release (and Application) name is <releasePrefix><model>; files and names render would change are said. */
function inferReleasePrefix(models: readonly ModelApp[], argocd: Record<string, unknown>, c: Collector): void {
  const prefixes = models.filter((m) => m.release.endsWith(m.model)).map((m) => m.release.slice(0, m.release.length - m.model.length));
  const prefix = mode(prefixes);
  if (prefix !== undefined) {
    const first = models.find((m) => m.release === `${prefix}${m.model}`)!;
    argocd.releasePrefix = prefix;
    c.inferred("argocd.releasePrefix", prefix, at(first.app.source, ["metadata", "name"]));
  }
  const effectivePrefix = prefix ?? "llm-";
  const appsDir = commonDir(models.map((m) => m.app.file));
  for (const m of models) {
    const target = posix.join(appsDir ?? posix.dirname(m.app.file), `${effectivePrefix}${m.model}.yaml`);
    if (m.app.file !== target) c.skipped(m.app.file, `render writes the Application of ${m.model} to ${target}; this file would stay next to it and deploy the same release twice — delete it once render has run`);
  }
  for (const m of models) {
    const expected = `${effectivePrefix}${m.model}`;
    if (m.release !== expected) c.skipped(`Helm release ${m.release} of model ${m.model} (${m.app.file})`, `render names it ${expected}: Argo CD would install a new release with new resource names`);
    else if (m.name !== expected) c.skipped(`Application name ${m.name} (${at(m.app.source, ["metadata", "name"])})`, `render names the Application ${expected}`);
  }
}

interface OddModels {
  project: ModelApp[];
  revision: ModelApp[];
  destination: ModelApp[];
  syncPolicy: ModelApp[];
}

/** A model whose project, targetRevision, destination or syncPolicy differs from the shared one gets an override under `argocd.models`. */
function inferOverrides(models: readonly ModelApp[], odd: OddModels, hasSyncPolicy: boolean, argocd: Record<string, unknown>, c: Collector): void {
  const overrides: Record<string, Record<string, unknown>> = {};
  const override = (m: ModelApp, key: string, value: unknown, path: string[]) => {
    (overrides[m.model] ??= {})[key] = value;
    c.inferred(`argocd.models.${m.model}.${key}`, value, at(m.app.source, path));
  };
  for (const m of odd.project) override(m, "project", m.project, ["spec", "project"]);
  for (const m of odd.revision) override(m, "targetRevision", m.targetRevision, ["spec", "source", "targetRevision"]);
  for (const m of odd.destination) override(m, "destination", m.destination, ["spec", "destination"]);
  for (const m of odd.syncPolicy) override(m, "syncPolicy", m.syncPolicy, ["spec", "syncPolicy"]);
  // An Application without a sync policy syncs by hand; the top level has one, so say so for this model.
  if (hasSyncPolicy) for (const m of models.filter((x) => x.syncPolicy === undefined)) override(m, "syncPolicy", {}, ["spec"]);
  if (Object.keys(overrides).length) argocd.models = Object.fromEntries(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function inferArgo(models: readonly ModelApp[], config: Record<string, unknown>, c: Collector, origin: string | undefined): void {
  const argocd: Record<string, unknown> = {};
  const shared = sharedOf(models, c);

  const ns = shared("namespace", (m) => m.namespace, ["metadata", "namespace"]);
  if (ns.value !== undefined) argocd.namespace = ns.value;
  for (const m of ns.odd) c.skipped(`metadata.namespace ${m.namespace} of Application ${m.name} (${at(m.app.source, ["metadata", "namespace"])})`, `one Argo CD namespace holds every Application; render writes ${String(ns.value)}`);

  const project = shared("project", (m) => m.project, ["spec", "project"]);
  if (project.value !== undefined) argocd.project = project.value;

  inferRepoUrl(models, argocd, c, origin);

  const revision = shared("targetRevision", (m) => m.targetRevision, ["spec", "source", "targetRevision"]);
  if (revision.value !== undefined) argocd.targetRevision = revision.value;

  inferReleasePrefix(models, argocd, c);

  const destination = shared("destination", (m) => m.destination, ["spec", "destination"]);
  if (destination.value !== undefined) argocd.destination = destination.value;
  const syncPolicy = shared("syncPolicy", (m) => m.syncPolicy, ["spec", "syncPolicy"]);
  if (syncPolicy.value !== undefined) argocd.syncPolicy = syncPolicy.value;

  inferOverrides(models, { project: project.odd, revision: revision.odd, destination: destination.odd, syncPolicy: syncPolicy.odd }, syncPolicy.value !== undefined, argocd, c);
  if (Object.keys(argocd).length) config.argocd = argocd;
}

/**
 * Drops the deepest existing key of `config` along `path`, and the mappings that leaves empty
 * (an empty `images: {}` says nothing); true when something was dropped.
 */
function dropAt(config: Record<string, unknown>, path: readonly PathSegment[]): boolean {
  for (let n = path.length; n > 0; n--) {
    const parents: Record<string, unknown>[] = [config];
    for (const seg of path.slice(0, n - 1)) {
      const next = parents[parents.length - 1]![String(seg)];
      if (!isObject(next)) break;
      parents.push(next);
    }
    if (parents.length !== n) continue;
    const key = String(path[n - 1]);
    const holder = parents[n - 1]!;
    if (!(key in holder)) continue;
    delete holder[key];
    for (let i = n - 1; i > 0 && Object.keys(parents[i]!).length === 0; i--) delete parents[i - 1]![String(path[i - 1])];
    return true;
  }
  return false;
}

function segmentsOf(dotted: string): string[] {
  return dotted.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== "");
}

function serialise(config: Record<string, unknown>, header: string): string {
  const doc = new Document(config);
  doc.commentBefore = header
    .split("\n")
    .map((l) => (l ? ` ${l}` : ""))
    .join("\n");
  return doc.toString({ lineWidth: 0 });
}

/** Whether a file on disk was written by render (carries a generated header, whichever command it names, near its top). */
function generatedOnDisk(cwd: string, path: string): boolean {
  try {
    if (leadsOutsideRepository(cwd, join(cwd, path))) return false;
    return isGenerated(readFileSync(join(cwd, path)));
  } catch {
    return false;
  }
}

const ORDER = ["layout", "chart", "images", "defaults", "argocd"];

/** The refusal of a config check in words: the message without the path it starts with and the schema it names. */
function plainReason(path: string, message: string): string {
  const text = message.startsWith(`${path} `) ? message.slice(path.length + 1) : message;
  return text.replace(/\s*\(checked against [^)]*\)$/, "");
}

/**
 * Keeps only what the config schema accepts, so the result loads as it is. A refused value goes
 * as the unit the report showed it in (`defaults.nodeSelector`, not one key of it): its line
 * leaves the report and one line in `notCarried` says, in words, what was wrong with it and that
 * the generated chart's default applies instead.
 */
function keepValid(config: Record<string, unknown>, c: Collector): void {
  for (let round = 0; round < 32; round++) {
    const checked = checkConfig(parseSource(CONFIG_FILE, serialise(ordered(config), ""), { yaml: "1.2" }));
    const error = checked.problems.find((p) => p.severity === "error" && p.path);
    if (!error) return;
    const reported = c.report.find((r) => error.path === r.what || error.path.startsWith(`${r.what}.`) || error.path.startsWith(`${r.what}[`));
    const unit = reported?.what ?? error.path;
    if (!dropAt(config, segmentsOf(unit))) return;
    const retracted = c.retract(unit);
    const from = retracted[0]?.from;
    const value = retracted.length === 1 ? ` = ${JSON.stringify(retracted[0]!.value)}` : "";
    const sub = error.path === unit ? "it" : error.path.slice(unit.length).replace(/^\./, "");
    c.skipped(`${unit}${value}${from ? ` (${from})` : ""}`, `left out, because ${sub} ${plainReason(error.path, error.message)}; the generated chart's default applies`);
  }
}

/**
 * Infers llmchart.config.yaml from a layout that already exists — a chart folder, a values
 * folder, hand-written Argo CD Applications — without writing anything.
 *
 * - Layout: the chart is found as `chooseChart` describes; the values folder is where the
 *   Applications' values files live (else `<root>/values`), the Applications folder where they
 *   are (else `<root>/argocd`); the layout root is the folder above `charts/` (or the chart's
 *   parent), widened to contain all three.
 * - Argo CD: what most Applications share goes to the top level; a model whose project,
 *   targetRevision, destination or syncPolicy differs gets an override under `argocd.models`.
 *   Without Applications, repoURL comes from the `origin` remote the caller gives. An example URL is
 *   never written (`isPlaceholderRepoUrl`).
 * - The chart: name, version, appVersion (and description, kubeVersion) from Chart.yaml;
 *   images and chart-wide `defaults:` from its values.yaml (only what differs from the
 *   generated chart's own defaults; `""` counts as unset).
 *
 * Every value the config schema would refuse is left out and listed in `notCarried`, so the
 * returned config always loads.
 */
export function inferConfig(options: InferOptions): InferResult {
  const { cwd } = options;
  const c = new Collector();
  const found = walk(cwd);
  const apps = findApplications(cwd, found.yamlFiles);
  const config: Record<string, unknown> = {};
  const chosen = chooseChart(cwd, found.charts, apps, c);
  let models: ModelApp[] = [];
  let valuesFiles: string[] = [];
  const sources: string[] = [];

  if (!chosen) {
    c.skipped("layout", found.charts.length ? `several Helm charts (${found.charts.join(", ")}) and none looks like a llama.cpp chart; the default layout is kept` : "no Helm chart (Chart.yaml) found; the default layout is kept");
  } else {
    const chartDir = chosen.dir;
    models = modelApps(apps, chartDir, c);
    const conventionalRoot = posix.basename(posix.dirname(chartDir)) === "charts" ? posix.dirname(posix.dirname(chartDir)) : posix.dirname(chartDir);
    const valuesDir = commonDir(models.map((m) => m.valuesFile)) ?? posix.join(conventionalRoot, "values");
    const appsDir = commonDir(models.map((m) => m.app.file)) ?? posix.join(conventionalRoot, "argocd");
    const root = commonAncestor([conventionalRoot, valuesDir, appsDir].map((d) => (d === "." ? "" : d))) || ".";
    const rel = (d: string) => posix.relative(root === "." ? "" : root, d) || ".";
    config.layout = { root, chartDir: rel(chartDir), valuesDir: rel(valuesDir), applicationsDir: rel(appsDir) };
    c.inferred("layout.chartDir", chartDir, `${chartDir}/Chart.yaml:1`, chosen.why);
    if (models[0]) {
      c.inferred("layout.valuesDir", valuesDir, at(models[0].app.source, ["spec", "source", "helm", "valueFiles"]), "where the Applications' values files are");
      c.inferred("layout.applicationsDir", appsDir, `${models[0].app.file}:1`, "where the Applications are");
    } else {
      c.inferred("layout.valuesDir", valuesDir, `${chartDir}/Chart.yaml:1`, "no Application names one: the conventional values folder next to charts/");
      c.inferred("layout.applicationsDir", appsDir, `${chartDir}/Chart.yaml:1`, "no Application found: the conventional argocd folder next to charts/");
    }
    sources.push(chartDir);
    const chartYaml = read(cwd, `${chartDir}/Chart.yaml`);
    inferChartMetadata(chartYaml, config, c);
    inferFromChartValues(read(cwd, `${chartDir}/values.yaml`), config, c);
    for (const m of models) {
      if (!existsSync(join(cwd, m.valuesFile))) c.skipped(`values file ${m.valuesFile} (${m.app.file})`, "the Application names it but it does not exist; render generates Applications only for values files that exist");
    }
    valuesFiles = found.yamlFiles.filter((f) => posix.dirname(f) === valuesDir);
  }
  inferArgo(models, config, c, options.originUrl);
  if (models.length) sources.push(`${models.length} Argo CD Application${models.length === 1 ? "" : "s"}`);

  keepValid(config, c);

  const header = [
    `${CONFIG_FILE}: how llmchart generates the chart and the Argo CD Applications, and lints values files.`,
    `Inferred by \`llmchart init\` from ${sources.length ? sources.join(" and ") : "the repository"}; edit freely.`,
  ].join("\n");
  const final = ordered(config);
  const text = serialise(final, header);
  const resolved = checkConfig(parseSource(CONFIG_FILE, text, { yaml: "1.2" })).config;
  return { config: final, header, text, report: c.report, notCarried: c.notCarried, adopt: resolved ? adoptable(cwd, resolved, valuesFiles, c) : [] };
}

function ordered(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (config[key] !== undefined) out[key] = config[key];
  for (const [k, v] of Object.entries(config)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * Hand-written files at paths render will write. Files in the chart folder that render does
 * not produce are reported: Helm would keep rendering them next to the generated templates.
 */
function adoptable(cwd: string, config: ResolvedConfig, valuesFiles: readonly string[], c: Collector): string[] {
  const chart = renderChart(config).map((f) => f.path);
  const apps = renderApplications(config, valuesFiles).files.map((f) => f.path);
  const produced = new Set([...chart, ...apps]);
  const adopt = [...produced].filter((p) => existsSync(join(cwd, p)) && !generatedOnDisk(cwd, p)).sort();
  const chartDir = posix.join(config.layout.root, config.layout.chartDir);
  const stray: string[] = [];
  const visit = (rel: string) => {
    let entries;
    try {
      entries = readdirSync(join(cwd, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) visit(p);
      else if (!produced.has(p)) stray.push(p);
    }
  };
  visit(chartDir);
  for (const p of stray.sort()) c.skipped(p, "render does not produce this file; Helm keeps rendering it next to the generated chart — delete it once the generated chart covers it");
  return adopt;
}
