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
const MARKS = [
  { label: "request", color: "#222222" },
  { label: "limit", color: "#e45756" },
] as const;

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

/**
 * One bar per node (and one for pods that could not be placed) showing the pods packed onto
 * it, by their requests, against the node's allocatable: CPU (cores) on the left, memory (GiB)
 * on the right. Each pod is labelled with its model name.
 */
export function nodesChartSpec(report: CapacityReport): VegaLiteSpec {
  const UNPLACED = "not placed";
  const rows: Record<string, unknown>[] = [];
  const limits: Record<string, unknown>[] = [];
  const order: string[] = [];
  const requestsOf = new Map(report.models.map((m) => [m.model, m]));
  const add = (node: string, pods: readonly string[]) => {
    let cpu = 0;
    let mem = 0;
    for (const pod of pods) {
      const m = requestsOf.get(pod.replace(/ \(surge\)$/, ""));
      const c = (m?.requests.cpu ?? 0) / 1000;
      const g = (m?.requests.memory ?? 0) / GiB;
      rows.push({ node, pod, model: m?.model ?? pod, resource: "CPU (cores)", x0: round2(cpu), x1: round2(cpu + c), mid: round2(cpu + c / 2) });
      rows.push({ node, pod, model: m?.model ?? pod, resource: "memory (GiB)", x0: round2(mem), x1: round2(mem + g), mid: round2(mem + g / 2) });
      cpu += c;
      mem += g;
    }
  };
  for (const pool of report.pools) {
    for (const node of pool.nodes) {
      order.push(node.name);
      add(node.name, node.models);
      limits.push({ node: node.name, resource: "CPU (cores)", x: round2(node.allocatable.cpu / 1000), what: "allocatable" });
      limits.push({ node: node.name, resource: "memory (GiB)", x: round2(node.allocatable.memory / GiB), what: "allocatable" });
    }
  }
  const unplaced = report.models.flatMap((m) => m.placements.filter((p) => p.node === null).map((p) => p.pod));
  if (unplaced.length) {
    order.push(UNPLACED);
    add(UNPLACED, unplaced);
  }
  const models = report.models.map((m) => m.model);
  const panel = (resource: string) => ({
    title: resource,
    width: 300,
    height: { step: 40 },
    layer: [
      {
        data: { values: rows },
        transform: [{ filter: { field: "resource", equal: resource } }],
        mark: { type: "bar", height: { band: 0.7 }, stroke: "white", strokeWidth: 1 },
        encoding: {
          y: { field: "node", type: "nominal", sort: order, scale: { domain: order }, title: null },
          x: { field: "x0", type: "quantitative", title: null, scale: { zero: true } },
          x2: { field: "x1" },
          color: { field: "model", type: "nominal", title: "model", scale: { domain: models, scheme: "tableau10" } },
          tooltip: [{ field: "node" }, { field: "pod" }],
        },
      },
      {
        data: { values: rows },
        transform: [{ filter: { field: "resource", equal: resource } }, { filter: "datum.x1 - datum.x0 > 0" }],
        mark: { type: "text", fontSize: 10, color: "white", limit: 120 },
        encoding: {
          y: { field: "node", type: "nominal", sort: order, scale: { domain: order } },
          x: { field: "mid", type: "quantitative" },
          text: { field: "pod" },
        },
      },
      {
        data: { values: limits },
        transform: [{ filter: { field: "resource", equal: resource } }],
        mark: { type: "tick", thickness: 3, bandSize: 34, color: "#e45756" },
        encoding: {
          y: { field: "node", type: "nominal", sort: order, scale: { domain: order } },
          x: { field: "x", type: "quantitative" },
          tooltip: [{ field: "node" }, { field: "what" }, { field: "x", title: resource }],
        },
      },
    ],
  });
  return {
    title: "Nodes: pods packed by their requests; red tick = allocatable",
    hconcat: [panel("CPU (cores)"), panel("memory (GiB)")],
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
