import schemaJson from "./generated/config.schema.json" with { type: "json" };
import validate from "./generated/config-validator.js";
import type { Problem, Severity } from "./problem.js";
import type { SourceFile } from "./source-file.js";
import { SchemaValidator } from "./validate.js";

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

/** Validates a parsed config file and fills in defaults. */
export function checkConfig(source: SourceFile): CheckedConfig {
  const checked = validator.check(source);
  if (checked.problems.some((p) => p.severity === "error") || !checked.data) return { problems: checked.problems, config: undefined };
  const d = checked.data as Partial<Record<keyof ResolvedConfig, unknown>>;
  const images = (d.images ?? {}) as Record<string, unknown>;
  const config: ResolvedConfig = {
    layout: mergeSection(defaultConfig.layout, d.layout),
    chart: mergeSection(defaultConfig.chart, d.chart),
    images: {
      server: mergeSection(defaultConfig.images.server, images.server),
      downloader: mergeSection(defaultConfig.images.downloader, images.downloader),
    },
    features: mergeSection(defaultConfig.features, d.features),
    argocd: mergeSection(defaultConfig.argocd, d.argocd),
    rules: mergeSection(defaultConfig.rules, d.rules),
  };
  return { problems: checked.problems, config };
}
