import { compareProblems, defaultConfig, formatPath, locate, nodeRange, problemAt, type PathSegment, type Problem, type ResolvedConfig, type Severity, type SourceFile } from "@llmchart/schema";
import { formatCpu, formatMemory, type CapacityModelInput, type CapacityReport } from "./plan.js";


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
    const reported = new Set<string>();
    for (const pool of report.pools) {
      for (const node of pool.nodes) {
        const cpuOver = node.limits.cpu > node.allocatable.cpu;
        const memOver = node.limits.memory > node.allocatable.memory;
        if (!cpuOver && !memOver) continue;
        const names = [...new Set(node.models.map((p) => p.replace(/ \(surge\)$/, "")))];
        const over = [
          cpuOver ? `CPU limits of ${formatCpu(node.limits.cpu)} on ${formatCpu(node.allocatable.cpu)} allocatable` : "",
          memOver ? `memory limits of ${formatMemory(node.limits.memory)} on ${formatMemory(node.allocatable.memory)} allocatable` : "",
        ]
          .filter(Boolean)
          .join(" and ");
        const risk = memOver ? "under load the node runs out of memory and OOM-kills or evicts pods" : "under load the models throttle each other's CPU";
        for (const name of names) {
          const source = sources.get(name);
          if (!source || reported.has(`${name}\0${node.name}`)) continue;
          reported.add(`${name}\0${node.name}`);
          const at = anchor(source, [["resources", "limits"], ["resources"]]);
          out.push(
            problemAt(source, at.range, {
              ruleId: "capacity/overcommit",
              severity: overSeverity,
              message: `node ${node.name} holds ${node.models.join(", ")} with ${over}: ${risk} — set requests equal to limits or spread the models over more nodes`,
              path: at.path,
            }),
          );
        }
      }
    }
  }
  return out.sort(compareProblems);
}

export { capacityRules } from "./rules.js";
