import { CONFIG_FILE, GENERATED_MARKER, locate, nodeRange, problemAt, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { posix } from "node:path";
import { Document } from "yaml";
import { modelNameError, modelNames } from "./model-name.js";

import type { GeneratedFile } from "@llmchart/schema";

export type { GeneratedFile };

/** The generated-file marker (one for every generator, from @llmchart/schema). */
export const APPLICATION_HEADER_MARKER = GENERATED_MARKER;

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

export interface ApplicationsResult {
  files: GeneratedFile[];
  problems: Problem[];
}

/** A problem about the config file, at the node of `segments` when the parsed config is at hand. */
function configProblem(source: SourceFile | undefined, segments: string[], fields: Pick<Problem, "ruleId" | "severity" | "message" | "path">): Problem {
  if (!source) return { ...fields, file: CONFIG_FILE, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const loc = locate(source.doc, segments);
  return problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), fields);
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

/**
 * One Argo CD Application per values file, as YAML built from data with the `yaml` library.
 * Pure: returns contents; the caller writes them. Model names that cannot become Kubernetes
 * names are problems (at the values file), not files.
 */
export function renderApplications(
  config: ResolvedConfig,
  valuesFiles: readonly string[],
  configSource?: SourceFile,
): ApplicationsResult {
  const settings = argoSettings(config);
  const { applicationsDir } = layoutPaths(config);
  const files: GeneratedFile[] = [];
  const problems: Problem[] = [];
  const models = new Set<string>();
  for (const valuesFile of [...valuesFiles].sort()) {
    const model = modelOf(valuesFile);
    const error = modelNameError(model, settings.releasePrefix, config.chart.name);
    if (error) {
      problems.push({
        ruleId: "layout/model-name",
        severity: "error",
        message: error,
        file: valuesFile,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        path: "",
      });
      continue;
    }
    models.add(model);
    if (!settings.repoURL) continue;
    // YAML 1.1 quoting, as Argo CD (go-yaml) reads it: a model named `no` stays the string "no", not false.
    const doc = new Document(applicationFor(model, valuesFile, config, settings), { version: "1.1" });
    doc.commentBefore = ` ${APPLICATION_HEADER_MARKER} from ${valuesFile} — do not edit.\n Argo CD Application of model "${model}"; change llmchart.config.yaml (argocd) instead.`;
    files.push({ path: posix.join(applicationsDir, `${settings.releasePrefix}${model}.yaml`), content: doc.toString({ lineWidth: 0 }) });
  }
  if (!settings.repoURL && valuesFiles.length) {
    problems.push(
      configProblem(configSource, ["argocd"], {
        ruleId: "config/argocd-repo-url",
        severity: "error",
        message: "argocd.repoURL is not set: the Argo CD Applications need the Git URL of this repository",
        path: "argocd.repoURL",
      }),
    );
  }
  for (const name of Object.keys(settings.models)) {
    if (models.has(name)) continue;
    problems.push(
      configProblem(configSource, ["argocd", "models", name], {
        ruleId: "config/unknown-model",
        severity: "warning",
        message: `argocd.models.${name} overrides a model that has no values file (${layoutPaths(config).valuesDir}/${name}.yaml)`,
        path: `argocd.models.${name}`,
      }),
    );
  }
  return { files, problems };
}
