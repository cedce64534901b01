import type { DiffResult, RenderState } from "@llmchart/diff";
import { findHelm } from "@llmchart/manifests/helm";
import { capacityProject } from "./capacity.js";
import { DiffError } from "./errors.js";
import { cacheDirFor, openCache, renderStore } from "./check/cache.js";
import { runGenerators } from "./render.js";
import { writeGeneratedFiles } from "./write-files.js";
import type { Project } from "./project.js";
import { addServerBuildRisks } from "./upgrade/diff-hook.js";

export { parseRiskIds } from "./diff/risk-ids.js";

export interface DiffProjectOptions {
  project: Project;
  /** A git revision; default HEAD with a dirty work tree, else the merge-base with the upstream. */
  base?: string;
  models?: readonly string[];
  env: Record<string, string | undefined>;
  jobs: number;
  /** More ignore patterns on top of the config's `diff.ignore`. */
  ignore?: readonly string[];
  /** Warnings about the setup (an unusable cache folder). */
  notices?: string[];
}

/**
 * What the work tree changes in the cluster compared with a base revision, per model and object,
 * with the rollout risks: `diffLayout` on the project, with check's cache of helm renders.
 * Throws a DiffError (exit 2) for an unknown revision or a missing helm.
 */
export async function diffProject(options: DiffProjectOptions): Promise<DiffResult> {
  const { project } = options;
  const { diffLayout } = await import("./diff/diff-layout.js");
  const helm = findHelm(options.env);
  if (!helm) throw new DiffError("no-helm", "no helm found (set LLMCHART_HELM, or put helm on PATH): diff renders both sides with helm");
  const cacheDir = cacheDirFor(project.root, options.env);
  const cache = openCache(cacheDir, (m) => options.notices?.push(m));
  const ignore = [...(project.config.diff?.ignore ?? []), ...(options.ignore ?? [])];
  const rendered = await renderState(project);
  // Pinned sizes for download and load times: the lock, read like lint reads it (never the network).
  const lock = project.modelLock();
  const modelSize = lock ? (filename: string, repoId: string | undefined) => lock.entries.find((e) => e.filename === filename && (repoId === undefined || e.repoId === repoId))?.sizeBytes : undefined;
  const result = await diffLayout({
    cwd: project.root,
    config: project.config,
    configPath: project.configFile,
    helm,
    jobs: options.jobs,
    cache: renderStore(cache),
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(options.models?.length ? { models: options.models } : {}),
    ...(ignore.length ? { ignore } : {}),
    ...(rendered ? { rendered } : {}),
    ...(modelSize ? { modelSize } : {}),
  });
  await addFitToSchedulingChanges(project, result);
  addServerBuildRisks(project, result);
  cache.pruneIfDue();
  return result;
}

/**
 * A scheduling change (nodeSelector, tolerations, affinity, resources) says whether the model
 * still fits, from the capacity plan of the working tree, when node pools are configured.
 */
async function addFitToSchedulingChanges(project: Project, result: DiffResult): Promise<void> {
  const changed = result.models.filter((m) => m.objects.some((o) => o.risks.some((r) => r.id === "scheduling-change")));
  if (!changed.length || !project.config.capacity.nodePools.length) return;
  const { report } = await capacityProject(project);
  for (const m of changed) {
    const planned = report.models.find((p) => p.model === m.model);
    if (!planned) continue;
    const fit = planned.fits ? `; with the configured node pools it still fits (node ${planned.node ?? "?"})` : `; with the configured node pools it no longer fits: ${planned.reason ?? "no room left"}`;
    for (const o of m.objects) for (const r of o.risks) if (r.id === "scheduling-change") r.message += fit;
  }
}

/**
 * What `render` would write now and what it would change (`render --check`): the diff compares
 * against the chart render will produce, and says when render has not run. Undefined when the
 * generators find errors in their inputs (render would refuse; lint and check report why).
 */
async function renderState(project: Project): Promise<RenderState | undefined> {
  const generated = await runGenerators(project);
  if (generated.problems.some((p) => p.severity === "error" && p.ruleId !== "layout/duplicate-model" && p.ruleId !== "io/unreadable")) return undefined;
  const { drift } = writeGeneratedFiles(generated.files, { root: project.root, owned: generated.owned, check: true });
  const chartDir = `${project.layout.chartDir}/`;
  return { chartFiles: generated.files.filter((f) => f.path.startsWith(chartDir)), drift };
}
