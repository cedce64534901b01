import { capacitySvg } from "./charts.js";
import { formatCpu, formatMemory, type CapacityReport, type ModelCapacity, type ResourceAmounts } from "./plan.js";
import type { Resources } from "./nodes.js";

export type CapacityFormat = "table" | "json" | "markdown" | "svg" | "html";
export const capacityFormats: readonly CapacityFormat[] = ["table", "json", "markdown", "svg", "html"];

export interface CapacityFormatContext {
  /** ANSI colours in `table` (on a TTY that wants them). */
  color?: boolean;
  /** Heading of `markdown` and `html` (default "llmchart capacity"). */
  title?: string;
}

const amounts = (r: ResourceAmounts) => [r.cpu === null ? "-" : formatCpu(r.cpu), r.memory === null ? "-" : formatMemory(r.memory)].join(", ");
const resources = (r: Resources) => `${formatCpu(r.cpu)}, ${formatMemory(r.memory)}`;
const bytesOrDash = (n: number | null, none = "-") => (n === null ? none : formatMemory(n));

function minutes(seconds: number | null): string {
  if (seconds === null) return "-";
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

function threads(m: ModelCapacity): string {
  const t = m.threads;
  if (t.value === null) return t.cpuLimit === null ? "-" : `unset/${t.cpuLimit}`;
  return `${t.value}/${t.cpuLimit ?? "-"}${t.ok ? "" : " (too many)"}`;
}

function placed(m: ModelCapacity): string {
  const nodes = m.placements.map((p) => (p.node === null ? `${p.surge ? "surge " : ""}not placed` : `${p.node}${p.surge ? " (surge)" : ""}`));
  return nodes.length ? nodes.join(", ") : "no pods";
}

function pools(m: ModelCapacity): string {
  const allowed = m.allowedPools.filter((v) => v.allowed).map((v) => v.pool);
  return allowed.length ? allowed.join(", ") : m.allowedPools.length ? "none" : "-";
}

function summary(report: CapacityReport): { ok: boolean; text: string } {
  const nodes = report.pools.reduce((n, p) => n + p.nodes.length, 0);
  const unfit = report.models.filter((m) => !m.fits).map((m) => m.model);
  const low = report.models.filter((m) => m.limitBelowEstimate).map((m) => m.model);
  const parts: string[] = [];
  if (report.pools.length === 0) parts.push("no node pools configured (capacity.nodePools): estimates only");
  else if (unfit.length === 0) parts.push(`all ${report.models.length} model${report.models.length === 1 ? "" : "s"} fit on ${nodes} node${nodes === 1 ? "" : "s"}`);
  else parts.push(`${unfit.join(", ")} ${unfit.length === 1 ? "does" : "do"} not fit (first: ${report.firstUnfit})`);
  if (low.length) parts.push(`memory limit below the estimate: ${low.join(", ")}`);
  return { ok: (report.pools.length === 0 || unfit.length === 0) && low.length === 0, text: parts.join("; ") };
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => Array.from(r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n");
}

const MODEL_HEAD = ["MODEL", "REQUESTS", "LIMITS", "ESTIMATE", "WEIGHTS", "KV CACHE", "COMPUTE", "PROMPT CACHE", "HEADROOM", "THREADS", "POOLS", "DOWNLOAD", "STARTUP", "NODE", "FITS"];

function modelRow(m: ModelCapacity, noPools: boolean): string[] {
  const e = m.estimate;
  return [
    m.model,
    amounts(m.requests),
    amounts(m.limits) + (m.limitBelowEstimate ? " (< estimate)" : ""),
    e ? formatMemory(e.memoryBytes) : "unknown",
    e ? formatMemory(e.weightsBytes) : "-",
    e ? bytesOrDash(e.kvCacheBytes, "unknown") + (e.shapeBasis === "assumed" ? " (assumed)" : "") : "-",
    e ? formatMemory(e.computeBytes) : "-",
    e ? bytesOrDash(e.promptCacheBytes, "unbounded") : "-",
    e ? formatMemory(e.headroomBytes) : "-",
    threads(m),
    pools(m),
    minutes(m.downloadSeconds),
    minutes(m.startupSeconds),
    noPools ? "-" : placed(m),
    noPools ? "-" : m.fits ? "yes" : "no",
  ];
}

const FIT_HEAD = ["MODEL", "REQUESTS", "LIMITS", "ESTIMATE", "THREADS", "POOLS", "NODE", "FITS"];
const ESTIMATE_HEAD = ["MODEL", "ESTIMATE", "WEIGHTS", "KV CACHE", "COMPUTE", "PROMPT CACHE", "HEADROOM", "DOWNLOAD", "STARTUP"];
const pick = (row: readonly string[], head: readonly string[]) => head.map((h) => row[MODEL_HEAD.indexOf(h)]!);

/** For a terminal: the models (fit, then estimate), the nodes, why a model does not fit, and a closing summary line. */
export function formatTable(report: CapacityReport, ctx: CapacityFormatContext = {}): string {
  const paint = (code: number, s: string) => (ctx.color ? `\u001b[${code}m${s}\u001b[39m` : s);
  const noPools = report.pools.length === 0;
  const rows = report.models.map((m) => modelRow(m, noPools));
  const out: string[] = [columns([FIT_HEAD, ...rows.map((r) => pick(r, FIT_HEAD))]), "", columns([ESTIMATE_HEAD, ...rows.map((r) => pick(r, ESTIMATE_HEAD))])];
  if (!noPools) {
    const nodeRows = report.pools.flatMap((p) => p.nodes.map((n) => [n.name, resources(n.allocatable), resources(n.used), resources(n.free), resources(n.limits), n.models.join(", ") || "-"]));
    out.push("", columns([["NODE", "ALLOCATABLE", "REQUESTED", "FREE", "LIMITS", "PODS"], ...nodeRows]));
  }
  const notes = report.models.flatMap((m) => [
    ...(!m.fits && m.reason ? [`${paint(31, `${m.model} does not fit`)}: ${m.reason}`] : []),
    ...(m.limitBelowEstimate && m.estimate ? [`${paint(33, `${m.model}: memory limit below the estimate`)}: ${m.estimate.breakdown}`] : []),
  ]);
  if (notes.length) out.push("", ...notes);
  const s = summary(report);
  out.push("", s.ok ? paint(32, `✓ ${s.text}`) : paint(31, `✗ ${s.text}`));
  return `${out.join("\n")}\n`;
}

/**
 * Machine-readable: `{ models: [{ model, requests, limits, estimate: { memoryBytes, weightsBytes,
 * kvCacheBytes, promptCacheBytes, headroomBytes, computeBytes }, pool, node, fits, reason? , …}], pools: [{ name,
 * nodes: [{ allocatable, used, models, … }] }], fits }`. CPU in millicores, memory in bytes; unset
 * values are null. Keys after those are additions (file, threads, allowed pools, placements, times).
 */
export function formatJson(report: CapacityReport): string {
  const json = {
    models: report.models.map((m) => ({
      model: m.model,
      requests: m.requests,
      limits: m.limits,
      estimate: m.estimate
        ? {
            memoryBytes: m.estimate.memoryBytes,
            weightsBytes: m.estimate.weightsBytes,
            kvCacheBytes: m.estimate.kvCacheBytes,
            promptCacheBytes: m.estimate.promptCacheBytes,
            headroomBytes: m.estimate.headroomBytes,
            computeBytes: m.estimate.computeBytes,
            fileSize: m.estimate.fileSize,
            shapeBasis: m.estimate.shapeBasis,
          }
        : null,
      pool: m.pool,
      node: m.node,
      fits: m.fits,
      ...(m.reason !== undefined ? { reason: m.reason } : {}),
      file: m.file,
      limitBelowEstimate: m.limitBelowEstimate,
      estimateBreakdown: m.estimate?.breakdown ?? null,
      replicas: m.replicas,
      surge: m.surge,
      placements: m.placements,
      threads: m.threads,
      allowedPools: m.allowedPools,
      downloadSeconds: m.downloadSeconds,
      startupSeconds: m.startupSeconds,
    })),
    pools: report.pools.map((p) => ({
      name: p.name,
      nodes: p.nodes.map((n) => ({ allocatable: n.allocatable, used: n.used, models: n.models, name: n.name, free: n.free, limits: n.limits })),
      capacity: p.capacity,
      reserved: p.reserved,
      allocatable: p.allocatable,
    })),
    fits: report.fits,
    firstUnfit: report.firstUnfit,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const md = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.map(md).join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(md).join(" | ")} |`)].join("\n");
}

/** For a pull-request comment: a verdict line, the models and nodes as tables, and the reasons. */
export function formatMarkdown(report: CapacityReport, ctx: CapacityFormatContext = {}): string {
  const s = summary(report);
  const noPools = report.pools.length === 0;
  const out = [`### ${ctx.title ?? "llmchart capacity"}`, "", `${s.ok ? "✅" : "❌"} ${s.text}`, "", mdTable(MODEL_HEAD.map((h) => h.toLowerCase()), report.models.map((m) => modelRow(m, noPools)))];
  if (!noPools) {
    out.push("", mdTable(["node", "allocatable", "requested", "free", "limits", "pods"], report.pools.flatMap((p) => p.nodes.map((n) => [n.name, resources(n.allocatable), resources(n.used), resources(n.free), resources(n.limits), n.models.join(", ") || "-"]))));
  }
  const notes = report.models.flatMap((m) => [
    ...(!m.fits && m.reason ? [`- **${md(m.model)}** does not fit: ${md(m.reason)}`] : []),
    ...(m.limitBelowEstimate && m.estimate ? [`- **${md(m.model)}**: memory limit below the estimate (${md(m.estimate.breakdown)})`] : []),
  ]);
  if (notes.length) out.push("", ...notes);
  out.push("", "<sub>CPU in cores, memory in GiB (2³⁰ bytes). Estimate = weights + KV cache + compute buffers + prompt cache + headroom; packing by requests, first-fit decreasing. See docs/capacity.md.</sub>");
  return `${out.join("\n")}\n`;
}

/** The picture: one stacked bar per model (estimate vs request and limit), one bar per node (packed pods vs allocatable). */
export function formatSvg(report: CapacityReport): Promise<string> {
  return capacitySvg(report);
}

const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

/** A self-contained page (no scripts, no network): the verdict, the picture inline, and the tables. */
export async function formatHtml(report: CapacityReport, ctx: CapacityFormatContext = {}): Promise<string> {
  const title = ctx.title ?? "llmchart capacity";
  const s = summary(report);
  const svg = await capacitySvg(report);
  const noPools = report.pools.length === 0;
  const nodes = noPools
    ? ""
    : htmlTable(["node", "allocatable", "requested", "free", "limits", "pods"], report.pools.flatMap((p) => p.nodes.map((n) => [n.name, resources(n.allocatable), resources(n.used), resources(n.free), resources(n.limits), n.models.join(", ") || "-"])));
  const notes = report.models.flatMap((m) => [
    ...(!m.fits && m.reason ? [`<li><strong>${html(m.model)}</strong> does not fit: ${html(m.reason)}</li>`] : []),
    ...(m.limitBelowEstimate && m.estimate ? [`<li><strong>${html(m.model)}</strong>: memory limit below the estimate (${html(m.estimate.breakdown)})</li>`] : []),
  ]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${html(title)}</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; }
.verdict { font-size: 18px; margin: 8px 0 16px; }
.ok { color: #2e7d32; } .bad { color: #c62828; }
table { border-collapse: collapse; margin: 16px 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; white-space: nowrap; }
th { background: #f4f4f4; }
</style>
</head>
<body>
<h1>${html(title)}</h1>
<p class="verdict ${s.ok ? "ok" : "bad"}">${s.ok ? "✓" : "✗"} ${html(s.text)}</p>
<figure>${svg}</figure>
${notes.length ? `<ul>${notes.join("")}</ul>` : ""}
${htmlTable(MODEL_HEAD.map((h) => h.toLowerCase()), report.models.map((m) => modelRow(m, noPools)))}
${nodes}
</body>
</html>
`;
}
