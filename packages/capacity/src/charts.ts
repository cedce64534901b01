import type { CapacityReport } from "./plan.js";

const GiB = 2 ** 30;

/** Colours of the estimate's parts and the request/limit marks (one legend for both). */
const PARTS = [
  { key: "weights", label: "weights", color: "#4c78a8" },
  { key: "kv", label: "KV cache", color: "#f58518" },
  { key: "compute", label: "compute buffers", color: "#eeca3b" },
  { key: "prompt", label: "prompt cache", color: "#54a24b" },
  { key: "headroom", label: "headroom", color: "#b279a2" },
] as const;
/** The marker red: memory limits above, a node's allocatable below. No model is drawn in it. */
const MARKER_RED = "#e45756";
const MARKS = [
  { label: "request", color: "#222222" },
  { label: "limit", color: MARKER_RED },
] as const;

/**
 * Model colours of the node picture: Tableau 20 without its two reds (the marker red and its
 * light twin) and without near-black, so no model looks like a limit or allocatable tick, and
 * 18 models get 18 different colours before any repeats.
 */
export const MODEL_COLORS: readonly string[] = [
  "#4c78a8", "#f58518", "#54a24b", "#b279a2", "#72b7b2", "#eeca3b", "#9d755d", "#bab0ac", "#9ecae9",
  "#ffbf79", "#88d27a", "#b79a20", "#439894", "#83bcb6", "#d67195", "#fcbfd2", "#d6a5c9", "#d8b5a5",
];

/** Width of a node panel in pixels, and what a pod label's character takes at font size 10 (above Helvetica's average; the browser test measures it). */
const PANEL_WIDTH = 300;
const LABEL_CHAR_PX = 6;
const LABEL_PADDING_PX = 6;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What a chart spec is: Vega-Lite JSON (typed loosely; vega-lite validates it when compiling). */
export type VegaLiteSpec = Record<string, unknown>;

const CONFIG = {
  font: "Helvetica, Arial, sans-serif",
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom", direction: "horizontal", labelLimit: 0 },
  title: { fontSize: 14, anchor: "start" },
};

/**
 * One horizontal stacked bar per model: the memory estimate's parts (weights, KV cache, compute
 * buffers, prompt cache, headroom) in GiB, with ticks at the memory request and the memory limit.
 */
export function modelsChartSpec(report: CapacityReport): VegaLiteSpec {
  const parts: Record<string, unknown>[] = [];
  const marks: Record<string, unknown>[] = [];
  for (const m of report.models) {
    const e = m.estimate;
    if (e) {
      const sizes: Record<string, number> = { weights: e.weightsBytes, kv: e.kvCacheBytes ?? 0, compute: e.computeBytes, prompt: e.promptCacheBytes ?? 0, headroom: e.headroomBytes };
      let x = 0;
      for (const p of PARTS) {
        const size = sizes[p.key]! / GiB;
        parts.push({ model: m.model, part: p.label, x0: round2(x), x1: round2(x + size), gib: round2(size) });
        x += size;
      }
    }
    if (m.requests.memory !== null) marks.push({ model: m.model, mark: "request", x: round2(m.requests.memory / GiB) });
    if (m.limits.memory !== null) marks.push({ model: m.model, mark: "limit", x: round2(m.limits.memory / GiB) });
  }
  const order = report.models.map((m) => m.model);
  const y = { field: "model", type: "nominal", sort: order, title: null, scale: { domain: order } };
  const color = {
    field: "key",
    type: "nominal",
    title: null,
    scale: { domain: [...PARTS.map((p) => p.label), ...MARKS.map((m) => m.label)], range: [...PARTS.map((p) => p.color), ...MARKS.map((m) => m.color)] },
  };
  return {
    title: "Memory per model: estimate against request and limit (GiB)",
    width: 620,
    height: { step: 34 },
    layer: [
      {
        data: { values: parts },
        transform: [{ calculate: "datum.part", as: "key" }],
        mark: { type: "bar", height: { band: 0.6 } },
        encoding: {
          y,
          x: { field: "x0", type: "quantitative", title: "GiB", scale: { zero: true } },
          x2: { field: "x1" },
          color,
          tooltip: [{ field: "model" }, { field: "part" }, { field: "gib", title: "GiB" }],
        },
      },
      {
        data: { values: marks },
        transform: [{ calculate: "datum.mark", as: "key" }],
        mark: { type: "tick", thickness: 3, bandSize: 30 },
        encoding: { y, x: { field: "x", type: "quantitative" }, color, tooltip: [{ field: "model" }, { field: "mark" }, { field: "x", title: "GiB" }] },
      },
    ],
  };
}

/** One pod's segment of a node bar: where it starts and ends on its panel's axis. */
interface Segment {
  node: string;
  pod: string;
  model: string;
  resource: string;
  x0: number;
  x1: number;
  mid: number;
  /** A rolling update's extra pod (drawn lighter). */
  surge: boolean;
  /** Whether the pod's name fits inside its segment (else only the row's list names it). */
  fits: boolean;
}

const CPU = "CPU (cores)";
const MEMORY = "memory (GiB)";

/** The pods of each node (and of "not placed"), in packing order, and the allocatable ticks. */
function nodeRows(report: CapacityReport): { order: string[]; pods: Map<string, string[]>; ticks: Record<string, unknown>[] } {
  const order: string[] = [];
  const pods = new Map<string, string[]>();
  const ticks: Record<string, unknown>[] = [];
  for (const pool of report.pools) {
    for (const node of pool.nodes) {
      order.push(node.name);
      pods.set(node.name, [...node.models]);
      ticks.push({ node: node.name, resource: CPU, x: round2(node.allocatable.cpu / 1000), what: "allocatable" });
      ticks.push({ node: node.name, resource: MEMORY, x: round2(node.allocatable.memory / GiB), what: "allocatable" });
    }
  }
  const unplaced = report.models.flatMap((m) => m.placements.filter((p) => p.node === null).map((p) => p.pod));
  if (unplaced.length) {
    order.push("not placed");
    pods.set("not placed", unplaced);
  }
  return { order, pods, ticks };
}

/** Each pod's segments on both panels, and each panel's axis end (the widest node, used or allocatable). */
function segments(report: CapacityReport, pods: ReadonlyMap<string, string[]>, ticks: readonly Record<string, unknown>[]): { rows: Segment[]; domain: Record<string, number> } {
  const byModel = new Map(report.models.map((m) => [m.model, m]));
  const raw: Omit<Segment, "fits">[] = [];
  const domain: Record<string, number> = { [CPU]: 0, [MEMORY]: 0 };
  for (const t of ticks) domain[t.resource as string] = Math.max(domain[t.resource as string]!, t.x as number);
  for (const [node, list] of pods) {
    const at: Record<string, number> = { [CPU]: 0, [MEMORY]: 0 };
    for (const pod of list) {
      const m = byModel.get(pod.replace(/ \(surge\)$/, ""));
      const sizes: Record<string, number> = { [CPU]: (m?.requests.cpu ?? 0) / 1000, [MEMORY]: (m?.requests.memory ?? 0) / GiB };
      for (const resource of [CPU, MEMORY]) {
        const x0 = at[resource]!;
        const x1 = x0 + sizes[resource]!;
        raw.push({ node, pod, model: m?.model ?? pod, resource, x0: round2(x0), x1: round2(x1), mid: round2((x0 + x1) / 2), surge: pod.endsWith(" (surge)") });
        at[resource] = x1;
        domain[resource] = Math.max(domain[resource]!, x1);
      }
    }
  }
  for (const r of [CPU, MEMORY]) domain[r] = Math.max(1, Math.ceil(domain[r]!));
  // A name goes inside its segment only where it fits whole; the row's list always names every pod.
  const rows = raw.map((r) => ({ ...r, fits: ((r.x1 - r.x0) / domain[r.resource]!) * PANEL_WIDTH >= r.pod.length * LABEL_CHAR_PX + LABEL_PADDING_PX }));
  return { rows, domain };
}

/**
 * One bar per node (and one for pods that could not be placed) showing the pods packed onto
 * it, by their requests, against the node's allocatable (the red tick): CPU (cores) on the
 * left, memory (GiB) on the right. A pod's name is written inside its segment where it fits
 * whole, and every node's pods are listed in full at the end of its row; no model is drawn in
 * the marker red (MODEL_COLORS).
 */
export function nodesChartSpec(report: CapacityReport): VegaLiteSpec {
  const { order, pods, ticks } = nodeRows(report);
  const { rows, domain } = segments(report, pods, ticks);
  const lists = order.map((node) => ({ node, pods: (pods.get(node) ?? []).join(", ") || "-" }));
  const models = report.models.map((m) => m.model);
  const y = { field: "node", type: "nominal", sort: order, scale: { domain: order } };
  const panel = (resource: string) => ({
    title: resource,
    width: PANEL_WIDTH,
    height: { step: 40 },
    layer: [
      {
        data: { values: rows },
        transform: [{ filter: { field: "resource", equal: resource } }],
        mark: { type: "bar", height: { band: 0.7 }, stroke: "white", strokeWidth: 1 },
        encoding: {
          y: { ...y, title: null },
          x: { field: "x0", type: "quantitative", title: null, scale: { domain: [0, domain[resource]], nice: false, zero: true } },
          x2: { field: "x1" },
          color: { field: "model", type: "nominal", title: "model", scale: { domain: models, range: MODEL_COLORS } },
          opacity: { condition: { test: "datum.surge", value: 0.55 }, value: 1 },
          tooltip: [{ field: "node" }, { field: "pod" }],
        },
      },
      {
        data: { values: rows },
        transform: [{ filter: { field: "resource", equal: resource } }, { filter: "datum.fits" }],
        mark: { type: "text", fontSize: 10, color: "#111111", limit: 0 },
        encoding: { y, x: { field: "mid", type: "quantitative" }, text: { field: "pod" } },
      },
      {
        data: { values: ticks },
        transform: [{ filter: { field: "resource", equal: resource } }],
        mark: { type: "tick", thickness: 3, bandSize: 34, color: MARKER_RED },
        encoding: { y, x: { field: "x", type: "quantitative" }, tooltip: [{ field: "node" }, { field: "what" }, { field: "x", title: resource }] },
      },
    ],
  });
  // Every node's pods by name, in full, right of the panels.
  const names = {
    title: "pods",
    width: 10,
    height: { step: 40 },
    data: { values: lists },
    mark: { type: "text", align: "left", fontSize: 11, color: "#222222", limit: 0 },
    encoding: { y: { ...y, axis: null }, text: { field: "pods" } },
  };
  return {
    title: "Nodes: pods packed by their requests; red tick = allocatable",
    hconcat: [panel(CPU), panel(MEMORY), names],
    resolve: { scale: { color: "shared" } },
  };
}

/** Both pictures in one Vega-Lite spec: the models on top, the nodes below. */
export function capacityChartSpec(report: CapacityReport): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    padding: 12,
    spacing: 36,
    // Without pools there is no packing to draw, only the models.
    vconcat: report.pools.length ? [modelsChartSpec(report), nodesChartSpec(report)] : [modelsChartSpec(report)],
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
  };
}

/** Compiles a Vega-Lite spec and renders it to an SVG document with Vega's headless renderer. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  // Loaded here so importing the package for planning alone does not load the charting stack.
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The report's picture as an SVG document: models (estimate vs request/limit) above nodes (packing vs allocatable). */
export function capacitySvg(report: CapacityReport): Promise<string> {
  return renderSvg(capacityChartSpec(report));
}
