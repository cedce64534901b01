import schemaJson from "./generated/config.schema.json" with { type: "json" };
import validate from "./generated/config-validator.js";
import { posix } from "node:path";
import type { Problem, Severity } from "./problem.js";
import { locate, nodeRange, problemAt, type SourceFile } from "./source-file.js";
import { SchemaValidator } from "./validate.js";
import { KUBERNETES_DEFINITIONS_SOURCE, KUBERNETES_VERSION } from "./kubernetes.generated.js";

/** The config JSON Schema (schemas/config.schema.json). */
export const configSchema: Record<string, unknown> = schemaJson as Record<string, unknown>;

/** Default name of the config file at the repository root. */
export const CONFIG_FILE = "llmchart.config.yaml";

export type RuleSetting = "off" | Severity;

/**
 * Optional parts of the generated chart. A feature that is off is left out entirely: its
 * template, its values.yaml section and its values.schema.json property.
 */
export interface ChartFeatures {
  ingress: boolean;
  persistence: boolean;
  metrics: boolean;
  podDisruptionBudget: boolean;
  autoscaling: boolean;
  networkPolicy: boolean;
  helmTest: boolean;
}

/** The config with every default filled in. Sections owned by other packages stay open records. */
export interface ResolvedConfig {
  layout: { root: string; chartDir: string; valuesDir: string; applicationsDir: string };
  chart: { name: string; version: string; appVersion: string; description: string; kubeVersion: string };
  /** The Kubernetes minor version checks are meant for ("1.34"). */
  kubernetes: { version: string };
  images: {
    server: { repository: string; tag: string; digest?: string };
    downloader: { repository: string; tag: string; digest?: string };
  };
  features: ChartFeatures;
  argocd: Record<string, unknown>;
  rules: Record<string, RuleSetting>;
}

export const defaultConfig: ResolvedConfig = {
  layout: { root: "infra/apps/llm", chartDir: "charts/llama-cpp", valuesDir: "values", applicationsDir: "argocd" },
  chart: {
    name: "llama-cpp",
    version: "0.1.0",
    appVersion: "b11429",
    description: "CPU llama.cpp server (llama-server) with the GGUF model downloaded by an initContainer.",
    kubeVersion: ">=1.25.0-0",
  },
  kubernetes: { version: KUBERNETES_VERSION },
  images: {
    server: { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b11429" },
    downloader: { repository: "curlimages/curl", tag: "8.10.1" },
  },
  features: {
    ingress: true,
    persistence: true,
    metrics: true,
    podDisruptionBudget: true,
    autoscaling: true,
    networkPolicy: true,
    helmTest: true,
  },
  argocd: {},
  rules: {},
};

const validator = new SchemaValidator({ schema: configSchema, validate, subject: "config", stripNulls: false });

function mergeSection<T extends object>(base: T, over: unknown): T {
  if (!over || typeof over !== "object" || Array.isArray(over)) return base;
  return { ...base, ...(over as Partial<T>) };
}

/** Config check result: problems with positions, and the config with defaults (when valid). */
export interface CheckedConfig {
  problems: Problem[];
  config: ResolvedConfig | undefined;
}

const LAYOUT_DIRS = ["chartDir", "valuesDir", "applicationsDir"] as const;

/**
 * The layout folders must stay inside the repository and apart from each other: render writes
 * and deletes files in the chart and Applications folders, so a `../..` or an absolute path
 * there would reach outside the repository, and two folders in one would own each other's files.
 */
function layoutProblems(source: SourceFile, layout: ResolvedConfig["layout"]): Problem[] {
  const problems: Problem[] = [];
  const report = (key: string, message: string) => {
    const loc = locate(source.doc, ["layout", key]);
    problems.push(problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), { ruleId: "config/layout-path", severity: "error", message, path: `layout.${key}` }));
  };
  const escapes = (p: string) => p === ".." || p.startsWith("../") || posix.isAbsolute(p);
  const root = posix.normalize(layout.root || ".");
  if (layout.root.includes("\\") || escapes(root)) {
    report("root", `layout.root must be a folder inside the repository (relative, no ..), got ${JSON.stringify(layout.root)}`);
    return problems;
  }
  const dirs = new Map<string, string>();
  for (const key of LAYOUT_DIRS) {
    const value = layout[key];
    const joined = posix.normalize(posix.join(root, value));
    if (value.includes("\\") || posix.isAbsolute(value) || escapes(joined) || joined === root || joined === ".") {
      report(key, `layout.${key} must be a folder inside layout.root (relative, no ..), got ${JSON.stringify(value)}`);
      continue;
    }
    for (const [other, dir] of dirs) {
      if (joined === dir || joined.startsWith(`${dir}/`) || dir.startsWith(`${joined}/`)) {
        report(key, `layout.${key} (${joined}) overlaps layout.${other} (${dir}); each folder needs its own place`);
      }
    }
    dirs.set(key, joined);
  }
  return problems;
}

/**
 * llmchart bundles the definitions of one Kubernetes minor version. Another version in the config
 * is not refused (the cluster is what it is), but the user must know which fields are judged by
 * which version.
 */
function kubernetesVersionProblems(source: SourceFile, version: string): Problem[] {
  if (version === KUBERNETES_VERSION) return [];
  const loc = locate(source.doc, ["kubernetes", "version"]);
  return [
    problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), {
      ruleId: "config/kubernetes-version",
      severity: "warning",
      message: `kubernetes.version is ${version}, but llmchart bundles the Kubernetes ${KUBERNETES_VERSION} definitions (${KUBERNETES_DEFINITIONS_SOURCE}): fields are checked as Kubernetes ${KUBERNETES_VERSION} knows them, so a field ${version} ${Number(version.split(".")[1]) < Number(KUBERNETES_VERSION.split(".")[1]) ? "lacks is still accepted" : "added is still reported as unknown"}`,
      path: "kubernetes.version",
    }),
  ];
}

/** Validates a parsed config file and fills in defaults. */
export function checkConfig(source: SourceFile): CheckedConfig {
  const checked = validator.check(source);
  if (checked.problems.some((p) => p.severity === "error") || !checked.data) return { problems: checked.problems, config: undefined };
  const d = checked.data as Partial<Record<keyof ResolvedConfig, unknown>>;
  const images = (d.images ?? {}) as Record<string, unknown>;
  const config: ResolvedConfig = {
    layout: mergeSection(defaultConfig.layout, d.layout),
    chart: mergeSection(defaultConfig.chart, d.chart),
    kubernetes: mergeSection(defaultConfig.kubernetes, d.kubernetes),
    images: {
      server: mergeSection(defaultConfig.images.server, images.server),
      downloader: mergeSection(defaultConfig.images.downloader, images.downloader),
    },
    features: mergeSection(defaultConfig.features, d.features),
    argocd: mergeSection(defaultConfig.argocd, d.argocd),
    rules: mergeSection(defaultConfig.rules, d.rules),
  };
  const layout = layoutProblems(source, config.layout);
  if (layout.length) return { problems: [...checked.problems, ...layout], config: undefined };
  return { problems: [...checked.problems, ...kubernetesVersionProblems(source, config.kubernetes.version)], config };
}
