import { compileIgnore, diffRenderedObjects, type ModelDiff, type ObjectsDiffOptions } from "@llmchart/diff";
import type { BaseSide } from "./base.js";
import type { DiffOptions, Side } from "./options.js";
import { releaseOf, type RenderedTask } from "./render-sides.js";
import type { WorkTree } from "./work-tree.js";

export interface ModelsInput {
  options: DiffOptions;
  baseSide: BaseSide;
  head: Side;
  work: WorkTree;
  toRender: readonly string[];
  rendered: readonly RenderedTask[];
}

function statusOf(onBase: boolean, onHead: boolean): ModelDiff["status"] {
  return !onBase ? "added" : !onHead ? "removed" : "changed";
}

/** A model whose values file was refused unread: named, with why, and nothing rendered. */
function refusedModel(input: ModelsInput, model: string, why: string): ModelDiff {
  const { head, baseSide } = input;
  const file = head.values.get(model) ?? baseSide.values.get(model)!;
  const config = head.values.has(model) ? head.config : baseSide.config;
  return { model, ...releaseOf(model, file, config), valuesFile: file, status: statusOf(baseSide.values.has(model), head.values.has(model)), objects: [], error: why };
}

/** A rendered model: its objects compared, or the error of the side helm could not render. */
function renderedModel(input: ModelsInput, model: string, compare: ObjectsDiffOptions): ModelDiff {
  const b = input.rendered.find((r) => r.task.model === model && r.task.side === "base");
  const h = input.rendered.find((r) => r.task.model === model && r.task.side === "head");
  const shown = (h ?? b)!.task;
  const diff: ModelDiff = {
    model,
    release: shown.release,
    namespace: shown.namespace,
    valuesFile: input.head.values.get(model) ?? input.baseSide.values.get(model)!,
    status: statusOf(!!b, !!h),
    objects: [],
  };
  const error = b?.error ?? h?.error;
  if (error) return { ...diff, error };
  const side = (r: RenderedTask | undefined) => (r ? { manifests: r.manifests, namespace: r.task.namespace } : undefined);
  diff.objects = diffRenderedObjects(side(b), side(h), compare);
  return diff;
}

/** The per-model result of the renders, in the order of `toRender`. */
export function modelDiffs(input: ModelsInput): ModelDiff[] {
  const { options } = input;
  const compare: ObjectsDiffOptions = {
    ignore: compileIgnore(options.ignore ?? []),
    ignoreChartVersion: options.ignoreChartVersion ?? true,
    ...(options.modelSize ? { modelSize: options.modelSize } : {}),
  };
  return input.toRender.map((model) => {
    const why = input.work.refused.get(model);
    return why !== undefined ? refusedModel(input, model, why) : renderedModel(input, model, compare);
  });
}
