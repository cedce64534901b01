import type { Problem } from "@llmchart/schema";
import type { Project } from "../project.js";
import { renderStore, type RenderCache } from "./cache.js";

export interface ImmutableStageOptions {
  /** helm, when found: without it nothing is rendered, so nothing is compared. */
  helm: string | undefined;
  /** The base revision (`--since`); without it there is no base to compare with. */
  since: string | undefined;
  jobs: number;
  cache: RenderCache;
}

/**
 * The immutable-change stage of `check --since`: a change Argo CD could never apply (a new
 * Deployment selector, a shrunk PVC) blocks the gate. the diff stage (and @llmchart/diff) is loaded only then.
 */
export async function immutableStage(project: Project, options: ImmutableStageOptions): Promise<Problem[]> {
  const { helm, since } = options;
  if (!helm || since === undefined) return [];
  const { checkImmutable } = await import("../diff/check-immutable.js");
  return checkImmutable({ cwd: project.root, config: project.config, configPath: project.configFile, helm, since, jobs: options.jobs, cache: renderStore(options.cache) });
}
