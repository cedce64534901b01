import { compareProblems, defaultConfig, formatPath, locate, nodeRange, problemAt, type PathSegment, type Problem, type ResolvedConfig, type Severity, type SourceFile } from "@llmchart/schema";
import type { Resources } from "./nodes.js";
import { formatCpu, formatMemory, type CapacityModelInput, type CapacityReport, type NodeCapacity, type NodePod } from "./plan.js";


/** The first of `paths` the values file sets, with its node; else the closest node to the first path. */
function anchor(source: SourceFile, paths: readonly (readonly PathSegment[])[]): { range: ReturnType<typeof nodeRange>; path: string } {
  for (const path of paths) {
    const loc = locate(source.doc, path);
    if (loc.node || loc.keyNode) return { range: nodeRange(loc.keyNode ?? loc.node), path: formatPath(path) };
  }
  const loc = locate(source.doc, paths[0] ?? []);
  const root = source.doc.contents;
  const fallback = loc.nearestKey ?? (root && "items" in root ? ((root.items[0] as { key?: unknown } | undefined)?.key as Parameters<typeof nodeRange>[0]) : undefined);
  return { range: nodeRange(fallback), path: formatPath(paths[0] ?? []) };
}

function severityOf(id: string, fallback: Severity, config: ResolvedConfig): Severity | "off" {
  return config.rules[id] ?? fallback;
}

/**
 * The capacity problems for `llmchart check`, in the one problem shape: `capacity/does-not-fit`
 * (error) for a model with a pod that cannot be placed, at `resources.requests` of its values
 * file (or the closest node), and `capacity/overcommit` (warning) for each model on a node whose
 * pods' limits add up to more than the node's allocatable, at `resources.limits`. Severities
 * follow the config's `rules:` (`off` drops a rule). Models without a `source` are skipped, and
 * without node pools there are no capacity problems at all.
 */
export function capacityProblems(report: CapacityReport, inputs: readonly CapacityModelInput[], config: ResolvedConfig = defaultConfig): Problem[] {
  // Capacity is judged only against configured pools.
  if (report.pools.length === 0) return [];
  const sources = new Map(inputs.filter((i) => i.source).map((i) => [i.model, i.source!]));
  const out: Problem[] = [];
  const fitSeverity = severityOf("capacity/does-not-fit", "error", config);
  if (fitSeverity !== "off") {
    for (const m of report.models) {
      const source = sources.get(m.model);
      if (m.fits || !source) continue;
      const at = anchor(source, [["resources", "requests"], ["resources"]]);
      out.push(problemAt(source, at.range, { ruleId: "capacity/does-not-fit", severity: fitSeverity, message: `${m.model} does not fit on the node pools: ${m.reason}`, path: at.path }));
    }
  }
  const overSeverity = severityOf("capacity/overcommit", "warning", config);
  if (overSeverity !== "off") {
    for (const pool of report.pools) {
      for (const node of pool.nodes) {
        for (const o of overcommits(node)) {
          const source = sources.get(o.model);
          if (!source) continue;
          const at = anchor(source, [["resources", "limits"], ["resources"]]);
          out.push(problemAt(source, at.range, { ruleId: "capacity/overcommit", severity: overSeverity, message: o.message, path: at.path }));
        }
      }
    }
  }
  return out.sort(compareProblems);
}

export { capacityRules } from "./rules.js";

const sum = (pods: readonly NodePod[]): Resources => pods.reduce((t, p) => ({ cpu: t.cpu + p.limit.cpu, memory: t.memory + p.limit.memory }), { cpu: 0, memory: 0 });

/** `dolphin-phi2, phi2 ×2`: the models of some pods, each once. */
function named(pods: readonly NodePod[]): string {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(p.model, (counts.get(p.model) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m} ×${n}` : m)).join(", ");
}

function overBy(limits: Resources, allocatable: Resources): { text: string; risk: string } | undefined {
  const cpu = limits.cpu > allocatable.cpu;
  const memory = limits.memory > allocatable.memory;
  if (!cpu && !memory) return undefined;
  const text = [
    cpu ? `CPU limits of ${formatCpu(limits.cpu)} on ${formatCpu(allocatable.cpu)} allocatable` : "",
    memory ? `memory limits of ${formatMemory(limits.memory)} on ${formatMemory(allocatable.memory)} allocatable` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return { text, risk: memory ? "under load the node runs out of memory and OOM-kills or evicts pods" : "under load the models throttle each other's CPU" };
}

const ADVICE = "set requests equal to limits or spread the models over more nodes";

/**
 * The overcommit findings of one node, once per model: the pods that stay (replicas) over the
 * node's allocatable, reported on each of their models; else, per model whose rollout surge pod
 * lands here, the overcommit that lasts as long as that rollout — a surge pod is no permanent occupant.
 */
function overcommits(node: NodeCapacity): { model: string; message: string }[] {
  const steady = node.pods.filter((p) => !p.surge);
  const surge = node.pods.filter((p) => p.surge);
  const permanent = overBy(sum(steady), node.allocatable);
  if (permanent) {
    const during = surge.length ? `; during a rollout of ${named(surge)}, ${surge.length === 1 ? "its surge pod adds" : "their surge pods add"} ${formatCpu(sum(surge).cpu)} and ${formatMemory(sum(surge).memory)} more` : "";
    const message = `node ${node.name} holds ${named(steady)} with ${permanent.text}${during}: ${permanent.risk} — ${ADVICE}`;
    return [...new Set(steady.map((p) => p.model))].map((model) => ({ model, message }));
  }
  const out: { model: string; message: string }[] = [];
  for (const model of new Set(surge.map((p) => p.model))) {
    const mine = surge.filter((p) => p.model === model);
    const over = overBy(sum([...steady, ...mine]), node.allocatable);
    if (!over) continue;
    const next = steady.length ? ` next to ${named(steady)}` : "";
    out.push({ model, message: `during a rollout of ${model}, its surge pod${mine.length === 1 ? "" : "s"} on node ${node.name}${next} bring${mine.length === 1 ? "s" : ""} it to ${over.text}: ${over.risk} until the rollout ends — ${ADVICE}` });
  }
  return out;
}
