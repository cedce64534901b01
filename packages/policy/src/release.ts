import type { ResolvedConfig } from "@llmchart/schema";
import { argoSettings, modelNames, modelOf } from "@llmchart/sync";

/** The release a values file becomes (Argo CD Application, Helm release) and where it runs. */
export interface Release {
  name: string;
  namespace: string;
}

/** Release name and namespace of a values file, as the Argo CD Application generator sets them. */
export function releaseOf(valuesFile: string, config: ResolvedConfig): Release {
  const settings = argoSettings(config);
  const model = modelOf(valuesFile);
  const namespace = settings.models[model]?.destination?.namespace ?? settings.destination.namespace;
  return { name: modelNames(model, settings.releasePrefix, config.chart.name).release, namespace };
}

/** Helm's `trunc 63 | trimSuffix "-"`. */
function dnsTrim(s: string): string {
  const cut = s.slice(0, 63);
  return cut.endsWith("-") ? cut.slice(0, -1) : cut;
}

/**
 * The labels of the release's pods, as the chart's templates set them: `podLabels`, then the
 * selector labels of the `llmchart.selectorLabels` helper (`app.kubernetes.io/name` = nameOverride
 * or the chart name, `app.kubernetes.io/instance` = the release), which win. A test renders the
 * chart with real Helm and compares.
 */
export function releasePodLabels(values: { nameOverride?: unknown; podLabels?: unknown }, config: ResolvedConfig, release: string): Record<string, string> {
  const extra = values.podLabels && typeof values.podLabels === "object" ? (values.podLabels as Record<string, unknown>) : {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) labels[k] = String(v);
  const name = typeof values.nameOverride === "string" && values.nameOverride !== "" ? values.nameOverride : config.chart.name;
  labels["app.kubernetes.io/name"] = dnsTrim(name);
  labels["app.kubernetes.io/instance"] = release;
  return labels;
}
