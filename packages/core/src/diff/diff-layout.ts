import type { DiffResult } from "@llmchart/diff";
import { CONFIG_FILE } from "@llmchart/schema";
import { layoutPaths } from "@llmchart/sync";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { DiffError } from "../errors.js";
import { listTree, openRepo, resolveBase, topPath } from "../git.js";
import { readBaseSide } from "./base.js";
import { modelDiffs } from "./models.js";
import type { DiffOptions } from "./options.js";
import { renderAll, renderTasks } from "./render-sides.js";
import { scopeModels } from "./scope.js";
import { readWorkTree, workTreeSide } from "./work-tree.js";

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

async function diffIn(options: DiffOptions, temps: string[]): Promise<DiffResult> {
  const { cwd, config } = options;
  if (!options.helm) throw new DiffError("no-helm", "no helm found (set LLMCHART_HELM, or put helm on PATH): llmchart diff renders both sides with helm");
  const configPath = posix.normalize(options.configPath ?? CONFIG_FILE);
  const repo = await openRepo(cwd);
  const base = await resolveBase(cwd, options.base);
  const paths = layoutPaths(config);
  // git lists the base while the working tree is read.
  const firstTree = listTree(repo.top, base.commit, [configPath, paths.chartDir, paths.valuesDir].map((p) => topPath(repo.prefix, p)));
  const work = readWorkTree(options, paths, configPath, temps);
  const tree = await firstTree;
  const algorithm = [...tree.values()][0]?.blob.length === 64 ? "sha256" : "sha1";
  const head = workTreeSide(work, config, algorithm);
  const baseSide = await readBaseSide({ repo, base, configPath, config, work, algorithm }, tree);
  const scope = scopeModels({ base, baseSide, head, work, config, configPath, models: options.models });
  const tmp = mkdtempSync(join(tmpdir(), "llmchart-diff-"));
  temps.push(tmp);
  const tasks = await renderTasks({ options, repo, base, baseSide, head, work, scope, tmp });
  const rendered = await renderAll(options, base, tasks);
  const models = modelDiffs({ options, baseSide, head, work, toRender: scope.toRender, rendered });
  return { base, scope: scope.scope, models, unchanged: scope.unchanged, ...(work.pending ? { renderPending: work.pending } : {}) };
}
