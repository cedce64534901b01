import schemaJson from "./generated/config.schema.json" with { type: "json" };
import validate from "./generated/config-validator.js";
import { posix } from "node:path";
import type { Problem, Severity } from "./problem.js";
import { formatPath, locate, nodeRange, problemAt, type SourceFile } from "./source-file.js";
import { bareExcerpt, excerpt, MAX_NAME_EXCERPT } from "./excerpt.js";
import { parseQuantity } from "./quantity.js";
import { SchemaValidator } from "./validate.js";
import { valuesSchemaErrors } from "./values.js";
import { KUBERNETES_DEFINITIONS_SOURCE, KUBERNETES_VERSION } from "./kubernetes.generated.js";

/** The config JSON Schema (schemas/config.schema.json). */
export const configSchema: Record<string, unknown> = schemaJson;


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

/** A node taint (`kubectl taint nodes … key=value:Effect`). */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/**
 * A pool of identical nodes (`capacity.nodePools[]`). `cpu` and `memory` are Kubernetes
 * quantities of one node's capacity, as written (parse with `parseQuantity`); `reserved`
 * fields left out get the default tiers of `@llmchart/capacity` (`defaultReserved`).
 */
export interface NodePool {
  name: string;
  cpu: string | number;
  memory: string | number;
  count: number;
  labels: Record<string, string>;
  taints: NodeTaint[];
  reserved?: { cpu?: string | number; memory?: string | number };
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
  /**
   * Chart-wide default values (`defaults:`), merged over the schema defaults into the generated
   * chart's values.yaml; a values file overrides them as Helm merges (maps key by key, lists whole).
   */
  defaults: Record<string, unknown>;
  argocd: Record<string, unknown>;
  /** Node pools for `llmchart capacity` and the capacity checks; empty = no capacity checks. */
  capacity: { nodePools: NodePool[] };
  rules: Record<string, RuleSetting>;
  /** `llmchart diff` settings: extra ignore patterns. */
  diff?: { ignore?: string[] };
  /** Where rule pages are linked (`docs.baseUrl`, ends with `/`); without it, the installed release's pages (releaseDocsBaseUrl). */
  docs?: { baseUrl?: string };
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
  defaults: {},
  argocd: {},
  capacity: { nodePools: [] },
  rules: {},
};

const validator = new SchemaValidator({ schema: configSchema, validate, subject: "config", stripNulls: false });

function mergeSection<T extends object>(base: T, over: unknown): T {
  if (!over || typeof over !== "object" || Array.isArray(over)) return base;
  return { ...base, ...(over as Partial<T>) };
}

function nodePoolsOf(section: unknown): NodePool[] {
  const pools = (section as { nodePools?: unknown } | undefined)?.nodePools;
  if (!Array.isArray(pools)) return [];
  // The schema has checked the shape; fill in the list defaults so consumers need no `?? []`.
  return (pools as NodePool[]).map((p) => ({ ...p, labels: p.labels ?? {}, taints: p.taints ?? [] }));
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
    report("root", `layout.root must be a folder inside the repository (relative, no ..), got ${excerpt(String(layout.root), undefined, MAX_NAME_EXCERPT)}`);
    return problems;
  }
  const dirs = new Map<string, string>();
  for (const key of LAYOUT_DIRS) {
    const value = layout[key];
    const joined = posix.normalize(posix.join(root, value));
    if (value.includes("\\") || posix.isAbsolute(value) || escapes(joined) || joined === root || joined === ".") {
      report(key, `layout.${key} must be a folder inside layout.root (relative, no ..), got ${excerpt(String(value), undefined, MAX_NAME_EXCERPT)}`);
      continue;
    }
    for (const [other, dir] of dirs) {
      if (joined === dir || joined.startsWith(`${dir}/`) || dir.startsWith(`${joined}/`)) {
        report(key, `layout.${key} (${bareExcerpt(joined, undefined, MAX_NAME_EXCERPT)}) overlaps layout.${other} (${bareExcerpt(dir, undefined, MAX_NAME_EXCERPT)}); each folder needs its own place`);
      }
    }
    dirs.set(key, joined);
  }
  return problems;
}

/**
 * `defaults:` ends up in the chart's values.yaml, which Helm checks against values.schema.json:
 * a default the values schema rejects would break every model, so it is an error here, at the
 * config line that sets it.
 */
function defaultsProblems(source: SourceFile, defaults: Record<string, unknown>): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of valuesSchemaErrors(defaults)) {
    const path = ["defaults", ...error.path];
    const key = `${path.join("\u0000")} ${error.keyword}`;
    if (seen.has(key) || error.keyword === "if") continue;
    seen.add(key);
    const loc = locate(source.doc, path);
    problems.push(
      problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), {
        ruleId: "config/defaults",
        severity: "error",
        message: `${formatPath(path)} ${error.message} (checked against schemas/values.schema.json, as Helm will check the chart's values.yaml)`,
        path: formatPath(path),
      }),
    );
  }
  return problems;
}

/** Pool names identify pools in reports, and an explicit reservation must leave something to allocate. */
function nodePoolProblems(source: SourceFile, pools: readonly NodePool[]): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string) => {
    const loc = locate(source.doc, path);
    problems.push(
      problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), { ruleId: "config/node-pool", severity: "error", message, path: formatPath(path) }),
    );
  };
  const seen = new Set<string>();
  pools.forEach((pool, i) => {
    if (seen.has(pool.name)) report(["capacity", "nodePools", i, "name"], `node pool name ${excerpt(pool.name, undefined, MAX_NAME_EXCERPT)} is used twice; each pool needs its own name`);
    seen.add(pool.name);
    for (const kind of ["cpu", "memory"] as const) {
      const unit = kind === "cpu" ? "cpu" : "bytes";
      const reserved = parseQuantity(pool.reserved?.[kind], unit);
      const capacity = parseQuantity(pool[kind], unit);
      if (reserved !== undefined && capacity !== undefined && reserved >= capacity) {
        report(["capacity", "nodePools", i, "reserved", kind], `node pool ${excerpt(pool.name, undefined, MAX_NAME_EXCERPT)} reserves ${bareExcerpt(String(pool.reserved?.[kind]))} of ${bareExcerpt(String(pool[kind]))} ${kind}: nothing is left to allocate`);
      }
    }
  });
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
    defaults: mergeSection(defaultConfig.defaults, d.defaults),
    argocd: mergeSection(defaultConfig.argocd, d.argocd),
    capacity: { nodePools: nodePoolsOf(d.capacity) },
    rules: mergeSection(defaultConfig.rules, d.rules),
    ...(d.diff ? { diff: d.diff } : {}),
    ...(d.docs ? { docs: d.docs } : {}),
  };
  const layout = [...layoutProblems(source, config.layout), ...defaultsProblems(source, config.defaults), ...nodePoolProblems(source, config.capacity.nodePools)];
  if (layout.length) return { problems: [...checked.problems, ...layout], config: undefined };
  return { problems: [...checked.problems, ...kubernetesVersionProblems(source, config.kubernetes.version)], config };
}
