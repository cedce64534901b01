import type { CapacityReport, ModelCapacity } from "@llmchart/capacity";
import { formatBinaryBytes, parseSource, problemAt, locate, nodeRange, type Problem, type SourceFile } from "@llmchart/schema";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { createFileAtomic } from "./atomic.js";
import { InputError, UsageError } from "./errors.js";
import { describeFsError } from "./files.js";
import { capacityProject } from "./capacity.js";
import { LineEndingPolicy, withLineEnding } from "./line-endings.js";
import { lintDocuments } from "./lint.js";
import { chartDefaultsData } from "./lint/policy-stage.js";
import type { Project } from "./project.js";
import { renderLayout, type RenderLayoutResult } from "./render.js";
import { assertInsideRepo } from "./safe-path.js";

export interface ScaffoldModelOptions {
  project: Project;
  model: string;
  repoId: string;
  file: string;
  /** CPU limit in whole cores; threads = this. */
  cpu?: number;
  /** Memory limit/request; default from the memory estimate. */
  memory?: string;
  ctx?: number;
  cacheRamMiB?: number;
  sha256?: string;
  downloadUrl?: string;
  /** Render the Applications after writing (default true). */
  render?: boolean;
}

export interface ScaffoldModelResult {
  /** Root-relative path of the values file (written only when `errors` is empty). */
  path: string;
  text: string;
  cpu: number;
  memory: string;
  ctx: number;
  /** Errors the new file would have: nothing was written. */
  errors: Problem[];
  /** When the model's architecture is unknown: the memory assumes a conservative KV cache (for stderr). */
  assumedNote?: string;
  /** With node pools configured: why the new model would not fit next to the others (a warning; the file is still written). A --cpu above every allowed pool's allocatable is an error in `errors` instead. */
  capacityWarning?: string;
  render?: RenderLayoutResult;
}

const GiB = 2 ** 30;

/**
 * The values schema the modeline of `valuesFile` (root-relative) points at, relative to the file:
 * the repository's own top-level `schemas/values.schema.json` when it has one (llmchart's own
 * repository), else the one the generated chart ships (`<chart>/values.schema.json`), which
 * every repository llmchart renders into has.
 */
function valuesSchemaFor(project: Project, valuesFile: string): string {
  const top = join(project.root, "schemas", "values.schema.json");
  const schema = existsSync(top) ? top : join(project.root, project.layout.chartDir, "values.schema.json");
  return relative(join(project.root, posix.dirname(valuesFile)), schema).split(sep).join("/");
}

type SyncModule = typeof import("@llmchart/sync");
type PolicyModule = typeof import("@llmchart/policy");

/**
 * Adds a model: a values file with computed defaults (threads = CPU limit, memory = the memory
 * estimate lint computes for it — pinned facts from the lock when the file is pinned — rounded
 * up to Gi, emptyDir sized for the download), linted before anything touches
 * the disk, created exclusively, then the Applications rendered. A render that fails removes
 * the new file again.
 */
export async function scaffoldModel(options: ScaffoldModelOptions): Promise<ScaffoldModelResult> {
  const { project, model, repoId, file } = options;
  const [sync, policy] = await Promise.all([import("@llmchart/sync"), import("@llmchart/policy")]);
  const { valuesRel, valuesAbs } = newValuesFile(project, sync, model);
  const cpu = options.cpu ?? 4;
  const cacheRamMiB = options.cacheRamMiB ?? 1024;
  const modelLock = project.modelLock();
  const known = policy.modelOfValues({ repoId, filename: file, ...(options.sha256 ? { sha256: options.sha256 } : {}) }, modelLock);
  const ctx = options.ctx ?? Math.min(4096, known?.nCtxTrain ?? 4096);
  const sha256 = options.sha256 ?? (known?.pin?.kind === "pinned" ? known.pinned?.sha256 : undefined);
  const notes: string[] = [`Model ${model}: ${file} from ${repoId}, added by \`llmchart new\`.`];
  const sizeLimit = known?.fileBytes !== undefined ? `${Math.ceil((known.fileBytes * 2) / GiB) + 1}Gi` : undefined;
  const schemaPath = valuesSchemaFor(project, valuesRel);
  const valuesText = (memory: string) =>
    sync.scaffoldValues({
      model, repoId, filename: file, cpu, memory, ctx, cacheRamMiB, schemaPath, notes,
      ...(sizeLimit ? { sizeLimit } : {}),
      ...(sha256 ? { sha256 } : {}),
      ...(options.downloadUrl ? { downloadUrl: options.downloadUrl } : {}),
    });
  let memory = options.memory;
  let assumedNote: string | undefined;
  if (memory === undefined) {
    if (known?.fileBytes === undefined) {
      throw new UsageError(`cannot estimate the size of ${file} from its name (no parameter count or quantisation); pass --memory, e.g. --memory 8Gi`);
    }
    const estimated = estimatedMemory(policy, project, parseSource(valuesRel, valuesText("1Gi")), { model, file, ctx, modelLock });
    memory = estimated.memory;
    assumedNote = estimated.assumedNote;
    notes.push(estimated.note);
  }
  const text = valuesText(memory);
  const linted = await lintDocuments(project, [{ path: valuesRel, text }]);
  const errors = linted.problems.filter((p) => p.severity === "error");
  const result: ScaffoldModelResult = { path: valuesRel, text, cpu, memory, ctx, errors, ...(assumedNote ? { assumedNote } : {}) };
  if (errors.length) return result;
  if (project.config.capacity.nodePools.length && !(await fitsNodePools(project, result, model))) return result;
  writeValuesFile(project, valuesRel, valuesAbs, text, model);
  if (options.render === false) return result;
  result.render = await renderOrRemove(project, valuesAbs);
  return result;
}

/** The root-relative and absolute path of the new model's values file; refuses a bad name or a model that exists. */
function newValuesFile(project: Project, sync: SyncModule, model: string): { valuesRel: string; valuesAbs: string } {
  const settings = sync.argoSettings(project.config);
  const nameError = sync.modelNameError(model, settings.releasePrefix, project.config.chart.name);
  if (nameError) throw new UsageError(nameError);
  const valuesRel = posix.join(project.layout.valuesDir, `${model}.yaml`);
  const valuesAbs = join(project.root, valuesRel);
  if (existsSync(valuesAbs) || existsSync(valuesAbs.replace(/\.yaml$/, ".yml"))) {
    throw new InputError(valuesRel, `model "${model}" already exists; edit that file instead (llmchart new never overwrites)`);
  }
  return { valuesRel, valuesAbs };
}

/**
 * The memory limit of a values file written without --memory: the estimate of the file as lint
 * will read it (chart defaults, lock), so the limit written is the need lint computes, rounded
 * up to Gi; with the note that explains it, and one for stderr when the architecture is assumed.
 */
function estimatedMemory(
  policy: PolicyModule,
  project: Project,
  draft: SourceFile,
  { model, file, ctx, modelLock }: { model: string; file: string; ctx: number; modelLock: ReturnType<Project["modelLock"]> },
): { memory: string; note: string; assumedNote?: string } {
  const { estimate } = policy.effectiveModel(draft, { config: project.config, chartDefaults: chartDefaultsData(project).data, modelLock });
  if (!estimate) throw new UsageError(`cannot estimate the memory of ${file}; pass --memory, e.g. --memory 8Gi`);
  const memory = `${Math.ceil(estimate.memoryBytes / GiB)}Gi`;
  const note = `memory ${memory} = ${estimate.breakdown}, rounded up.`;
  if (estimate.shapeBasis !== "assumed") return { memory, note };
  const assumedNote = `the architecture of ${file} is unknown (not pinned, not in the known-model table), so memory ${memory} assumes a conservative KV cache of ${formatBinaryBytes(estimate.kvCacheBytes ?? 0)} and compute buffers of ${formatBinaryBytes(estimate.computeBytes)} for -c ${ctx}; run \`llmchart models pin ${model}\` for the exact figure`;
  return { memory, note, assumedNote };
}

/**
 * Sized against the configured node pools: plans the existing models plus this one, as capacity
 * would. A --cpu no pool can give is an error in `result.errors` (false: nothing is written);
 * a model that does not fit next to the others is a warning.
 */
async function fitsNodePools(project: Project, result: ScaffoldModelResult, model: string): Promise<boolean> {
  const { path, text, cpu } = result;
  const { report } = await capacityProject(project, [{ path, text }]);
  const planned = report.models.find((m) => m.model === model);
  const { formatCpu } = await import("@llmchart/capacity");
  const tooBig = planned ? cpuAboveEveryPool(report, planned, { cpu, path, text, formatCpu }) : undefined;
  if (tooBig) {
    result.errors.push(tooBig);
    return false;
  }
  if (planned && !planned.fits) result.capacityWarning = `${model} would not fit on the configured node pools: ${planned.reason ?? "no room left"} (see llmchart capacity)`;
  return true;
}

function writeValuesFile(project: Project, valuesRel: string, valuesAbs: string, text: string, model: string): void {
  assertInsideRepo(project.root, valuesAbs, valuesRel);
  try {
    mkdirSync(join(project.root, project.layout.valuesDir), { recursive: true });
    // Exclusive and atomic: never overwrite (even a file that appeared meanwhile), never leave half
    // a file; with the line endings of the values files beside it.
    createFileAtomic(valuesAbs, withLineEnding(text, new LineEndingPolicy(project.root).for(valuesRel, null)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new InputError(valuesRel, `model "${model}" already exists`);
    throw new InputError(valuesRel, `cannot write: ${describeFsError(err)}`);
  }
}

/** Renders the Applications with the new file; a render that fails or has errors removes the file again. */
async function renderOrRemove(project: Project, valuesAbs: string): Promise<RenderLayoutResult> {
  let render: RenderLayoutResult;
  try {
    render = await renderLayout({ project });
  } catch (err) {
    rmSync(valuesAbs, { force: true });
    throw err;
  }
  if (render.problems.some((p) => p.severity === "error")) rmSync(valuesAbs, { force: true });
  return render;
}

/**
 * `--cpu` above the allocatable CPU of every pool the model may use is no warning: no node could
 * ever run the pod, whatever else runs there. The error names the largest whole number that fits
 * (allocatable is the node's CPU minus what the pool reserves: 8 CPUs → at most 7).
 */
function cpuAboveEveryPool(
  report: CapacityReport,
  planned: ModelCapacity,
  { cpu, path, text, formatCpu }: { cpu: number; path: string; text: string; formatCpu: (milli: number) => string },
): Problem | undefined {
  const allowed = new Set(planned.allowedPools.filter((v) => v.allowed).map((v) => v.pool));
  const pools = report.pools.filter((p) => allowed.has(p.name));
  if (!pools.length) return undefined;
  const largest = pools.reduce((a, b) => (b.allocatable.cpu > a.allocatable.cpu ? b : a));
  if (cpu * 1000 <= largest.allocatable.cpu) return undefined;
  const most = Math.floor(largest.allocatable.cpu / 1000);
  const source = parseSource(path, text);
  const loc = locate(source.doc, ["resources", "requests", "cpu"]);
  const fix = most >= 1 ? `at most --cpu ${most} fits` : "no node pool has a whole CPU to allocate: add a larger pool (capacity.nodePools)";
  return problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), {
    ruleId: "capacity/does-not-fit",
    severity: "error",
    message: `--cpu ${cpu} requests more CPU than any node can give one pod: the largest allocatable is ${formatCpu(largest.allocatable.cpu)} (pool ${largest.name}: ${formatCpu(largest.capacity.cpu)} minus ${formatCpu(largest.reserved.cpu)} reserved) — ${fix}`,
    path: "resources.requests.cpu",
  });
}

