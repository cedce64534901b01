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

interface LabelRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values: string[];
}

/**
 * One required pod anti-affinity term of a pod, resolved the way the API server stores it: the
 * labelSelector as requirements, with `matchLabelKeys` (`key In [the pod's value]`) and
 * `mismatchLabelKeys` (`key NotIn [value]`) merged in where the cluster honours them.
 */
export interface AntiAffinityTerm {
  topologyKey: string;
  /** Null: the term has no labelSelector and matches no pod. */
  requirements: LabelRequirement[] | null;
  /** The namespaces it looks in; "*" for every namespace (an empty namespaceSelector). */
  namespaces: readonly string[] | "*";
  /** For people: "topologyKey kubernetes.io/hostname, app.kubernetes.io/name In [llama-cpp]". */
  text: string;
}

/** A pod as pod (anti-)affinity sees it: its labels, its namespace and its own required terms. */
export interface AffinityPod {
  labels: Record<string, string>;
  namespace: string;
  antiAffinity: readonly AntiAffinityTerm[];
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);

function selectorRequirements(selector: unknown): LabelRequirement[] | null {
  if (!isRecord(selector)) return null;
  const out: LabelRequirement[] = [];
  if (isRecord(selector.matchLabels)) for (const [key, v] of Object.entries(selector.matchLabels)) out.push({ key, operator: "In", values: [typeof v === "string" ? v : JSON.stringify(v)] });
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isRecord) : []) {
    if (typeof e.key !== "string" || typeof e.operator !== "string" || !OPERATORS.has(e.operator)) continue;
    out.push({ key: e.key, operator: e.operator as LabelRequirement["operator"], values: Array.isArray(e.values) ? e.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))) : [] });
  }
  return out;
}

function termNamespaces(term: Record<string, unknown>, own: string): readonly string[] | "*" {
  const listed = Array.isArray(term.namespaces) ? term.namespaces.filter((n): n is string => typeof n === "string") : [];
  // An empty namespaceSelector means every namespace; a non-empty one needs namespace labels
  // capacity does not know, so only the listed namespaces count then.
  if (isRecord(term.namespaceSelector) && Object.keys(term.namespaceSelector).length === 0) return "*";
  return listed.length || isRecord(term.namespaceSelector) ? listed : [own];
}

function describeRequirements(reqs: readonly LabelRequirement[] | null): string {
  if (reqs === null) return "no labelSelector";
  if (!reqs.length) return "every pod";
  return reqs.map((r) => `${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(", ")}]` : ""}`).join(" and ");
}

/**
 * The required pod anti-affinity terms of a pod with these effective values and labels
 * (`affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution`). Preferred terms
 * only steer the scheduler and are left out, as is required pod *affinity*.
 */
export function antiAffinityTerms(values: { affinity?: unknown }, labels: Record<string, string>, namespace: string, honourLabelKeys: boolean): AntiAffinityTerm[] {
  const affinity = isRecord(values.affinity) ? values.affinity : {};
  const anti = isRecord(affinity.podAntiAffinity) ? affinity.podAntiAffinity : {};
  const required = Array.isArray(anti.requiredDuringSchedulingIgnoredDuringExecution) ? anti.requiredDuringSchedulingIgnoredDuringExecution.filter(isRecord) : [];
  return required.map((term) => {
    const topologyKey = typeof term.topologyKey === "string" ? term.topologyKey : "";
    let requirements = selectorRequirements(term.labelSelector);
    const shown = describeRequirements(requirements);
    if (requirements && honourLabelKeys) {
      const keys = (k: unknown) => (Array.isArray(k) ? k.filter((x): x is string => typeof x === "string" && x in labels) : []);
      requirements = [
        ...requirements,
        ...keys(term.matchLabelKeys).map((key) => ({ key, operator: "In" as const, values: [labels[key]!] })),
        ...keys(term.mismatchLabelKeys).map((key) => ({ key, operator: "NotIn" as const, values: [labels[key]!] })),
      ];
    }
    const labelKeys = honourLabelKeys && Array.isArray(term.matchLabelKeys) && term.matchLabelKeys.length ? `, matchLabelKeys [${term.matchLabelKeys.map(String).join(", ")}]` : "";
    return { topologyKey, requirements, namespaces: termNamespaces(term, namespace), text: `topologyKey ${topologyKey}, ${shown}${labelKeys}` };
  });
}

function requirementHolds(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case "In":
      return has && r.values.includes(labels[r.key]!);
    case "NotIn":
      return !has || !r.values.includes(labels[r.key]!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

/** Whether `term` (of some pod) selects `pod`. */
export function termSelects(term: AntiAffinityTerm, pod: Pick<AffinityPod, "labels" | "namespace">): boolean {
  if (term.requirements === null) return false;
  if (term.namespaces !== "*" && !term.namespaces.includes(pod.namespace)) return false;
  return term.requirements.every((r) => requirementHolds(r, pod.labels));
}

/**
 * The topology domain of a node for a term: the node itself for `kubernetes.io/hostname`, else
 * the pool's value of that label (shared by every node with it), or undefined when the nodes do
 * not carry the label — the term then keeps nothing apart there.
 */
export function topologyDomain(topologyKey: string, node: string, poolLabels: Record<string, string>): string | undefined {
  if (topologyKey === "kubernetes.io/hostname") return `node:${node}`;
  return Object.hasOwn(poolLabels, topologyKey) ? `${topologyKey}=${poolLabels[topologyKey]}` : undefined;
}
