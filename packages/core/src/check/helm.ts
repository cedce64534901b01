import type { HelmResult } from "@llmchart/manifests/helm";
import type { Problem, RuleMeta } from "@llmchart/schema";
import { pool } from "../pool.js";
import type { Project } from "../project.js";
import { fileProblem } from "../values-files.js";
import type { RenderCache } from "./cache.js";
import type { RenderPlan } from "./render-plan.js";

/** The ids of the helm stage of `check`. */
export const helmRules: readonly RuleMeta[] = [
  { id: "helm/template", description: "`helm template` failed for a model.", defaultSeverity: "error" },
  { id: "helm/skipped", description: "No helm was found, so the render stage was skipped.", defaultSeverity: "warning" },
];

export interface RenderStageInput {
  project: Project;
  /** How to render a model; undefined when no helm was found. */
  plan: RenderPlan | undefined;
  /** The values files in scope, read. */
  files: readonly { path: string; text: string }[];
  cache: RenderCache;
  /** Renders begun before the project loaded, by render cache key (CheckLayoutOptions.early). */
  early: ReadonlyMap<string, Promise<HelmResult>>;
  jobs: number;
  /** The files the lint found errors in, once it has run: they are not rendered (or their render is dropped). */
  erroneous: Promise<ReadonlySet<string>>;
  /** The manifest stage: the problems of what helm rendered for a file. */
  validate(source: { path: string; text: string }, rendered: string): Promise<Problem[]>;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface RenderStage {
  /** Whether some render missed the cache, so helm ran (the validators are then worth loading early). */
  readonly spawned: boolean;
  /** The problems of every render, in file order; `helm/skipped` when no helm was found. */
  problems(): Promise<Problem[]>;
}

/** Helm's whole reason, not its first line: a schema failure lists every field on the lines after. */
function templateFailure(path: string, release: string, r: HelmResult): Problem {
  const reason = r.stderr.trim().replace(/^Error: /, "") || `helm exited with ${r.code}`;
  return fileProblem(path, "helm/template", "error", `helm template ${release} failed: ${reason.split("\n").map((l) => l.trim()).filter(Boolean).join("; ")}`);
}

function helmSkipped(project: Project, renderable: number): Problem[] {
  if (renderable <= 0) return [];
  return [fileProblem(project.configFile, "helm/skipped", "warning", `no helm found (set LLMCHART_HELM or put helm on PATH): rendering and manifest validation of ${renderable} model${renderable === 1 ? " was" : "s were"} skipped`)];
}

/**
 * The render stage: `helm template` of every model whose values lint without errors (release and
 * namespace as Argo CD uses them), each render's output handed to the manifest stage, results
 * cached by everything a render depends on. Called before the lint starts: the first wave (one per
 * job) is spawned right away, so helm renders on the other core while this process lints, checks
 * the generated files and loads the validators; a render whose file then has lint errors is
 * dropped. Later renders wait for the lint and run only for files without errors.
 */
export function startRenders(input: RenderStageInput): RenderStage {
  const { plan, cache, files } = input;
  // Set as renders miss the cache (a holder, so the flow analysis sees it change).
  const spawned = { any: false };
  if (!plan) return { spawned: false, problems: async () => helmSkipped(input.project, files.length - (await input.erroneous).size) };
  if (!files.length) return { spawned: false, problems: () => Promise.resolve([]) };
  // The problems of one model's render: none for a file the lint found errors in.
  const renderModel = async (source: { path: string; text: string }, index: number): Promise<Problem[]> => {
    if (index >= input.jobs && (await input.erroneous).has(source.path)) return [];
    const { key, release, namespace } = plan.target(source.path, source.text);
    let found = cache.get(key);
    if (!found) {
      spawned.any = true;
      const r = await (input.early.get(key) ?? plan.render(source.path, release, namespace));
      if ((await input.erroneous).has(source.path)) return [];
      found = r.code !== 0 ? [templateFailure(source.path, release, r)] : await input.validate(source, r.stdout);
      if (r.code !== 127) cache.set(key, found);
    } else if ((await input.erroneous).has(source.path)) return [];
    return found;
  };
  let done = 0;
  const rendered = pool(files, input.jobs, async (source, index) => {
    const found = await renderModel(source, index);
    input.onProgress?.(++done, files.length);
    return found;
  });
  // Awaited by problems(); until then a failure of another stage must not leave this promise unobserved.
  rendered.catch(() => undefined);
  return {
    get spawned() {
      return spawned.any;
    },
    problems: async () => (await rendered).flat(),
  };
}
