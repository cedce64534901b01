import type { NodePool, NodeTaint } from "@llmchart/schema";

/** Whether a pool's nodes accept a model's pods, and why not. */
export interface PoolVerdict {
  pool: string;
  allowed: boolean;
  /** Each thing that keeps the pods off the pool (empty when allowed). */
  reasons: string[];
}

interface Toleration {
  key?: unknown;
  operator?: unknown;
  value?: unknown;
  effect?: unknown;
}

interface MatchExpression {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Kubernetes' `Toleration.ToleratesTaint`: an empty key with `Exists` tolerates every taint; an empty effect matches every effect. */
export function tolerates(toleration: Toleration, taint: NodeTaint): boolean {
  if (typeof toleration.effect === "string" && toleration.effect !== "" && toleration.effect !== taint.effect) return false;
  const key = typeof toleration.key === "string" ? toleration.key : "";
  const operator = toleration.operator === "Exists" ? "Exists" : "Equal";
  if (key === "") return operator === "Exists";
  if (key !== taint.key) return false;
  if (operator === "Exists") return true;
  return String(toleration.value ?? "") === (taint.value ?? "");
}

/** One `nodeSelectorTerms[]` entry's `matchExpressions` against node labels (all must hold). */
function expressionHolds(expr: MatchExpression, labels: Record<string, string>): boolean {
  const key = String(expr.key ?? "");
  const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const label = labels[key];
  switch (expr.operator) {
    case "In":
      return has && values.includes(label!);
    case "NotIn":
      return !has || !values.includes(label!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      const n = Number(label);
      const bound = Number(values[0]);
      if (!has || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return expr.operator === "Gt" ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

function describeExpression(expr: MatchExpression): string {
  const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
  return `${String(expr.key)} ${String(expr.operator)}${values.length ? ` (${values.join(", ")})` : ""}`;
}

function describeTaint(t: NodeTaint): string {
  return `${t.key}${t.value !== undefined ? `=${t.value}` : ""}:${t.effect}`;
}

/**
 * Whether the scheduler may put a pod with these effective values on the pool's nodes: the
 * `nodeSelector` labels, the required node affinity (`nodeSelectorTerms`: any term, each with
 * all its `matchExpressions`) and the taints with effect `NoSchedule` or `NoExecute`, which
 * the pod must tolerate. `PreferNoSchedule` taints and preferred affinity only steer, so they
 * never exclude a pool. `matchFields` (node names) cannot be judged from a pool and are ignored.
 */
export function poolVerdict(pool: NodePool, values: { nodeSelector?: unknown; affinity?: unknown; tolerations?: unknown }): PoolVerdict {
  const reasons: string[] = [];
  const labels = pool.labels ?? {};
  if (isRecord(values.nodeSelector)) {
    for (const [key, want] of Object.entries(values.nodeSelector)) {
      if (labels[key] !== String(want)) {
        reasons.push(`nodeSelector ${key}=${String(want)} not matched${key in labels ? ` (the nodes have ${key}=${labels[key]})` : ""}`);
      }
    }
  }
  const affinity = isRecord(values.affinity) ? values.affinity : undefined;
  const nodeAffinity = isRecord(affinity?.nodeAffinity) ? affinity.nodeAffinity : undefined;
  const required = isRecord(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution) ? nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  const terms = Array.isArray(required?.nodeSelectorTerms) ? (required.nodeSelectorTerms as unknown[]).filter(isRecord) : [];
  if (terms.length) {
    const exprsOf = (t: Record<string, unknown>) => (Array.isArray(t.matchExpressions) ? (t.matchExpressions as unknown[]).filter(isRecord) : []) as MatchExpression[];
    const ok = terms.some((t) => exprsOf(t).every((e) => expressionHolds(e, labels)));
    if (!ok) {
      const failing = terms.map((t) => exprsOf(t).filter((e) => !expressionHolds(e, labels)).map(describeExpression).join(" and ")).filter(Boolean);
      reasons.push(`required node affinity not met (${failing.join("; or ") || "no term matches"})`);
    }
  }
  const tolerations = (Array.isArray(values.tolerations) ? values.tolerations.filter(isRecord) : []) as Toleration[];
  for (const taint of pool.taints ?? []) {
    if (taint.effect === "PreferNoSchedule") continue;
    if (!tolerations.some((t) => tolerates(t, taint))) reasons.push(`taint ${describeTaint(taint)} not tolerated`);
  }
  return { pool: pool.name, allowed: reasons.length === 0, reasons };
}
