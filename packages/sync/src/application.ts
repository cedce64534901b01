import type { ResolvedConfig } from "@llmchart/schema";
import { posix } from "node:path";
import { modelNames } from "./model-name.js";

// One model's Argo CD Application as data, and the settings and paths it is made of. Kept apart
// from applications.ts (the YAML files, their problems) with no import that loads code: check's
// early start (@llmchart/core/early) names a model's release and namespace before the rest of
// llmchart has loaded.

export interface Destination {
  server?: string;
  name?: string;
  namespace: string;
}

export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean } | boolean | null;
  syncOptions?: string[];
  retry?: Record<string, unknown>;
}

/** The `argocd` section of llmchart.config.yaml with defaults filled in. */
export interface ArgoSettings {
  namespace: string;
  project: string;
  repoURL: string | undefined;
  targetRevision: string;
  releasePrefix: string;
  destination: Destination;
  syncPolicy: SyncPolicy;
  models: Record<string, { project?: string; targetRevision?: string; destination?: Partial<Destination>; syncPolicy?: SyncPolicy }>;
}

/** The seed's practice: Argo CD in `argocd`, releases in `llm`, automated prune + selfHeal, PruneLast. */
export const defaultArgoSettings: ArgoSettings = {
  namespace: "argocd",
  project: "default",
  repoURL: undefined,
  targetRevision: "main",
  releasePrefix: "llm-",
  destination: { server: "https://kubernetes.default.svc", namespace: "llm" },
  syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["PruneLast=true"] },
  models: {},
};

export function argoSettings(config: ResolvedConfig): ArgoSettings {
  const a = config.argocd as Partial<ArgoSettings>;
  return {
    ...defaultArgoSettings,
    ...a,
    destination: mergeDestination(defaultArgoSettings.destination, a.destination),
    syncPolicy: a.syncPolicy ?? defaultArgoSettings.syncPolicy,
    models: a.models ?? {},
  };
}

/** A cluster is named by server URL or by name, never both: an override of one drops the other. */
function mergeDestination(base: Destination, over: Partial<Destination> | undefined): Destination {
  if (!over) return base;
  const out: Destination = { namespace: over.namespace ?? base.namespace };
  if (over.server !== undefined || over.name !== undefined) {
    if (over.server !== undefined) out.server = over.server;
    if (over.name !== undefined) out.name = over.name;
  } else {
    if (base.server !== undefined) out.server = base.server;
    if (base.name !== undefined) out.name = base.name;
  }
  return out;
}

/** Repo-relative layout paths. */
export function layoutPaths(config: ResolvedConfig) {
  const root = config.layout.root.replace(/\/+$/, "");
  return {
    chartDir: posix.join(root, config.layout.chartDir),
    valuesDir: posix.join(root, config.layout.valuesDir),
    applicationsDir: posix.join(root, config.layout.applicationsDir),
  };
}

/**
 * Model name of a values file: its base name without `.yaml`/`.yml`. Paths are `/`-separated
 * (as the CLI shows them); a backslash is part of the file name, so `a\b.yaml` is the model
 * `a\b` (refused as a name), never `b`.
 */
export function modelOf(valuesFile: string): string {
  return posix.basename(valuesFile).replace(/\.ya?ml$/i, "");
}

/** Builds the Application of one model as data (never by string templates). */
export function applicationFor(model: string, valuesFile: string, config: ResolvedConfig, settings = argoSettings(config)): Record<string, unknown> {
  const { chartDir } = layoutPaths(config);
  const over = settings.models[model] ?? {};
  const names = modelNames(model, settings.releasePrefix, config.chart.name);
  const destination = mergeDestination(settings.destination, over.destination);
  const syncPolicy = over.syncPolicy ?? settings.syncPolicy;
  const spec: Record<string, unknown> = {
    project: over.project ?? settings.project,
    source: {
      repoURL: settings.repoURL,
      targetRevision: over.targetRevision ?? settings.targetRevision,
      path: chartDir,
      helm: {
        releaseName: names.release,
        valueFiles: [posix.relative(chartDir, valuesFile)],
      },
    },
    destination: {
      ...(destination.server !== undefined ? { server: destination.server } : {}),
      ...(destination.name !== undefined ? { name: destination.name } : {}),
      namespace: destination.namespace,
    },
  };
  const policy: Record<string, unknown> = {};
  if (syncPolicy.automated) policy.automated = syncPolicy.automated === true ? {} : syncPolicy.automated;
  if (syncPolicy.syncOptions?.length) policy.syncOptions = syncPolicy.syncOptions;
  if (syncPolicy.retry) policy.retry = syncPolicy.retry;
  if (Object.keys(policy).length) spec.syncPolicy = policy;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      name: names.release,
      namespace: settings.namespace,
      labels: {
        "app.kubernetes.io/managed-by": "llmchart",
        "app.kubernetes.io/part-of": "llm",
        "llmchart.dev/model": model,
      },
    },
    spec,
  };
}
