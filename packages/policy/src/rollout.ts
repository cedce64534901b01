const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The pods a model runs: `replicaCount` (or `autoscaling.maxReplicas` when the HPA is on, the
 * worst case), and the extra pods a rolling update starts next to them: `maxSurge` resolved as
 * Kubernetes does (a percentage of the replicas, rounded up; 25% when unset), none for `Recreate`.
 * One truth for the `affinity-selector` advice and the capacity plan.
 */
export function rolloutPods(values: Record<string, unknown>): { replicas: number; surge: number } {
  const replicas = replicasOf(values);
  return { replicas, surge: replicas > 0 ? surgeOf(values, replicas) : 0 };
}

function replicasOf(values: Record<string, unknown>): number {
  const hpa = isRecord(values.autoscaling) ? values.autoscaling : {};
  // With the HPA on, replicaCount is ignored and the worst case is maxReplicas.
  if (hpa.enabled === true && typeof hpa.maxReplicas === "number") return hpa.maxReplicas;
  return typeof values.replicaCount === "number" && values.replicaCount >= 0 ? values.replicaCount : 1;
}

function surgeOf(values: Record<string, unknown>, replicas: number): number {
  const strategy = isRecord(values.strategy) ? values.strategy : {};
  if (strategy.type === "Recreate") return 0;
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const raw = rolling.maxSurge ?? "25%";
  if (typeof raw === "number") return Math.max(0, Math.floor(raw));
  if (typeof raw !== "string") return 0;
  const m = /^(\d+)%$/.exec(raw);
  if (m) return Math.ceil((Number(m[1]) / 100) * replicas);
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Whether the cluster honours `matchLabelKeys` / `mismatchLabelKeys` in pod (anti-)affinity terms:
 * on by default from Kubernetes 1.31 (beta; GA in 1.33). Before that the API server drops the
 * fields, and the term selects by its labelSelector alone.
 */
export function honoursMatchLabelKeys(kubernetesVersion: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion.trim());
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || (major === 1 && minor >= 31);
}
