import { posix } from "node:path";
import type { ModelSizeLookup, RenderState, RenderStore } from "@llmchart/diff";
import type { ResolvedConfig } from "@llmchart/schema";

export interface DiffOptions {
  /** The project root: where the config file is; inside a git work tree. */
  cwd: string;
  /** The working tree's config, resolved (`checkConfig`). */
  config: ResolvedConfig;
  /** cwd-relative config path (default `llmchart.config.yaml`); the base config is read from the same path. */
  configPath?: string;
  /** A git revision; default: HEAD when the working tree has changes, else the merge-base with `@{upstream}`, else HEAD. */
  base?: string;
  /** Only these models (values file names without `.yaml`); default every model. */
  models?: readonly string[];
  /** The helm binary (`findHelm(env)`). */
  helm: string;
  /** More ignore patterns (`[Kind:]path`, `*` within a key, `**` across): see compileIgnore. */
  ignore?: readonly string[];
  /** Leave out `helm.sh/chart` labels whose chart version alone moved (default true). */
  ignoreChartVersion?: boolean;
  /** helm processes at once (default: number of CPUs). */
  jobs?: number;
  /** Extra `helm template` arguments, e.g. `["--kube-version", "1.29.0"]`. */
  helmArgs?: readonly string[];
  cache?: RenderStore;
  /**
   * What `llmchart render` would write now (`render --check` of the work tree). When the chart on
   * disk is not what the config generates (a config or chart change render has not applied), the
   * working tree is rendered with the chart render would produce, and the result says render must
   * run (`renderPending`); stale Applications are named there too.
   */
  rendered?: RenderState;
  /** Pinned model sizes (the working tree's lock file) for download and load times; otherwise estimated from the file name. */
  modelSize?: ModelSizeLookup;
}

/** The layout folders of one side, cwd-relative. */
export interface SidePaths {
  chartDir: string;
  valuesDir: string;
  applicationsDir: string;
}

/** One side of the comparison as git sees it: blob ids, so the sides compare without reading files. */
export interface Side {
  config: ResolvedConfig;
  chartDir: string;
  /** cwd-relative chart path → blob id, for comparison and cache keys. */
  chart: Map<string, string>;
  /** model → cwd-relative values file. */
  values: Map<string, string>;
}

/** Serialises `v` with object keys sorted, so equal data gives equal text (comparison, cache keys). */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** The chart's files as `chart-relative path:blob` lines: equal for charts with the same content wherever they lie. */
export function fingerprint(side: Pick<Side, "chart" | "chartDir">): string {
  return [...side.chart].map(([p, b]) => `${posix.relative(side.chartDir, p)}:${b}`).sort().join("\n");
}
