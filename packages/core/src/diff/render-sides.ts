import { helmTemplate } from "@llmchart/manifests/helm";
import type { ResolvedBase } from "@llmchart/diff";
import type { ResolvedConfig } from "@llmchart/schema";
import { applicationFor } from "@llmchart/sync";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, posix } from "node:path";
import { DiffError } from "../errors.js";
import { readBlobs, type Repo } from "../git.js";
import { pool } from "../pool.js";
import type { BaseSide } from "./base.js";
import { fingerprint, stableJson, type DiffOptions, type Side } from "./options.js";
import type { DiffScope } from "./scope.js";
import type { WorkTree } from "./work-tree.js";

/** One `helm template` of one side of one model. */
export interface RenderTask {
  model: string;
  side: "base" | "head";
  release: string;
  namespace: string;
  chartAbs: string;
  /** The chart's fingerprint, for the cache key. */
  fp: string;
  valuesAbs: string;
  text: string;
}

export interface RenderedTask {
  task: RenderTask;
  manifests: string;
  error: string | undefined;
}

/** The release and namespace of the model's Argo CD Application: what Argo CD renders with. */
export function releaseOf(model: string, file: string, config: ResolvedConfig): { release: string; namespace: string } {
  const app = applicationFor(model, file, config) as { metadata: { name: string }; spec: { destination: { namespace: string } } };
  return { release: app.metadata.name, namespace: app.spec.destination.namespace };
}

export interface SidesInput {
  options: DiffOptions;
  repo: Repo;
  base: ResolvedBase;
  baseSide: BaseSide;
  head: Side;
  work: WorkTree;
  scope: DiffScope;
  /** A temporary folder for the base's files, removed by the caller. */
  tmp: string;
}

/** The base blobs to render from: the chart's when it changed, and the values files of the models to render. */
async function readBaseBlobs(input: SidesInput): Promise<Map<string, Buffer>> {
  const { baseSide, scope, work } = input;
  const need: string[] = [];
  if (scope.chartChanged) for (const b of baseSide.chart.values()) need.push(b);
  for (const model of scope.toRender) {
    const file = baseSide.values.get(model);
    if (file && !work.refused.has(model)) need.push(baseSide.blobs.get(file)!.blob);
  }
  return readBlobs(input.repo.top, need);
}

/** The base chart folder: an unchanged chart is the work tree's side (on disk, or as render will produce it). */
function baseChartFolder(input: SidesInput, blobs: ReadonlyMap<string, Buffer>): string {
  if (!input.scope.chartChanged) return input.work.chartAbs;
  const dir = join(input.tmp, "chart");
  for (const [rel, blob] of input.baseSide.chart) {
    const abs = join(dir, posix.relative(input.baseSide.chartDir, rel));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, blobs.get(blob) ?? Buffer.alloc(0));
  }
  return dir;
}

/** The renders to run: each side a model has, except for refused values files. Base values files go to the temporary folder. */
export async function renderTasks(input: SidesInput): Promise<RenderTask[]> {
  const { baseSide, head, work, tmp } = input;
  const blobs = await readBaseBlobs(input);
  const baseChartAbs = baseChartFolder(input, blobs);
  const headFp = fingerprint(head);
  const baseFp = fingerprint(baseSide);
  const tasks: RenderTask[] = [];
  for (const model of input.scope.toRender) {
    if (work.refused.has(model)) continue;
    const b = baseSide.values.get(model);
    const h = head.values.get(model);
    if (b) {
      const text = blobs.get(baseSide.blobs.get(b)!.blob)?.toString("utf8") ?? "";
      const valuesAbs = join(tmp, "values", posix.basename(b));
      mkdirSync(dirname(valuesAbs), { recursive: true });
      writeFileSync(valuesAbs, text);
      tasks.push({ model, side: "base", ...releaseOf(model, b, baseSide.config), chartAbs: baseChartAbs, fp: baseFp, valuesAbs, text });
    }
    if (h) {
      const text = work.valuesBytes.get(model)!.toString("utf8");
      tasks.push({ model, side: "head", ...releaseOf(model, h, head.config), chartAbs: work.chartAbs, fp: headFp, valuesAbs: join(input.options.cwd, h), text });
    }
  }
  return tasks;
}

/** One render, from the cache when it holds it. A helm that cannot start is a DiffError; a failed render is the model's error. */
async function renderOne(options: DiffOptions, base: ResolvedBase, t: RenderTask): Promise<RenderedTask> {
  const helmArgs = options.helmArgs ?? [];
  const key = createHash("sha256").update(stableJson([options.helm, helmArgs, t.fp, t.text, t.release, t.namespace])).digest("hex");
  const hit = options.cache?.get(key);
  if (hit !== undefined) return { task: t, manifests: hit, error: undefined };
  const r = await helmTemplate(options.helm, { chartDir: t.chartAbs, release: t.release, namespace: t.namespace, valuesFiles: [t.valuesAbs], cwd: options.cwd, extraArgs: helmArgs });
  if (r.code !== 0) {
    const first = (r.stderr.split("\n").find((l) => l.trim()) ?? `helm exited with ${r.code}`).replace(/^Error: /, "");
    if (r.code === 127) throw new DiffError("no-helm", first.trim());
    return { task: t, manifests: "", error: `helm template ${t.release} failed on the ${t.side === "base" ? `base (${base.rev})` : "working tree"}: ${first}` };
  }
  options.cache?.set(key, r.stdout);
  return { task: t, manifests: r.stdout, error: undefined };
}

/** Every task rendered in the one worker pool (`jobs` helm processes at once), results in task order. */
export function renderAll(options: DiffOptions, base: ResolvedBase, tasks: readonly RenderTask[]): Promise<RenderedTask[]> {
  return pool(tasks, options.jobs ?? availableParallelism(), (t) => renderOne(options, base, t));
}
