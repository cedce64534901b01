import type { ResolvedBase } from "@llmchart/diff";
import type { ResolvedConfig } from "@llmchart/schema";
import { DiffError } from "../errors.js";
import type { BaseSide } from "./base.js";
import { fingerprint, stableJson, type Side } from "./options.js";
import type { WorkTree } from "./work-tree.js";

/** Which models are rendered, which are left alone, and why, for the summary line. */
export interface DiffScope {
  toRender: string[];
  unchanged: string[];
  /** "the chart changed: every model", "1 values file changed", … */
  scope: string;
  /** The base's chart differs from the working tree's: it is read from git and rendered apart. */
  chartChanged: boolean;
}

interface ScopeInput {
  base: ResolvedBase;
  baseSide: BaseSide;
  head: Side;
  work: WorkTree;
  config: ResolvedConfig;
  configPath: string;
  models: readonly string[] | undefined;
}

/** The parts of the config that decide what helm renders and where (not the lint rules). */
function renderingConfig(c: ResolvedConfig): string {
  return stableJson({ layout: c.layout, chart: c.chart, images: c.images, features: c.features, argocd: c.argocd });
}

/** The models of either side, narrowed to `models` when given; a DiffError names a model neither side has. */
function modelNames(input: ScopeInput): string[] {
  const names = [...new Set([...input.baseSide.values.keys(), ...input.head.values.keys()])].sort();
  const wanted = input.models;
  if (!wanted?.length) return names;
  const unknown = wanted.filter((m) => !names.includes(m));
  if (unknown.length) throw new DiffError("unknown-model", `no values file for model${unknown.length === 1 ? "" : "s"} ${unknown.map((m) => `"${m}"`).join(", ")} in ${input.work.paths.valuesDir} or at ${input.base.rev}`);
  return names.filter((n) => wanted.includes(n));
}

function scopeLine(input: ScopeInput, chartChanged: boolean, configChanged: boolean, changedValues: number): string {
  const { configPath, base } = input;
  if (!input.baseSide.ownConfig) return `no ${configPath} at ${base.rev}: every model is new`;
  if (chartChanged && input.work.pending?.chart.length) return `the chart ${configPath} generates changed (render has not run): every model, with that chart`;
  if (chartChanged) return "the chart changed: every model";
  if (configChanged) return `${configPath} changed: every model`;
  return `${changedValues} values file${changedValues === 1 ? "" : "s"} changed`;
}

/**
 * Which models to render: those whose values file differs (or exists on one side only); every
 * model when the chart or the config's rendering sections changed.
 */
export function scopeModels(input: ScopeInput): DiffScope {
  const { baseSide, head, config } = input;
  const baseConfig = baseSide.ownConfig;
  const chartChanged = fingerprint(baseSide) !== fingerprint(head);
  const configChanged = !!baseConfig && baseConfig !== config && renderingConfig(baseConfig) !== renderingConfig(config);
  const everything = chartChanged || configChanged;
  const toRender: string[] = [];
  const unchanged: string[] = [];
  for (const model of modelNames(input)) {
    const b = baseSide.values.get(model);
    const h = head.values.get(model);
    if (b && h && !everything && baseSide.blobs.get(b)?.blob === input.work.valuesBlob.get(model)) unchanged.push(model);
    else toRender.push(model);
  }
  return { toRender, unchanged, scope: scopeLine(input, chartChanged, configChanged, toRender.length), chartChanged };
}
