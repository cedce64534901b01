import type { DiffResult, ModelDiff } from "../types.js";
import { severityRank, type Risk } from "../risks.js";

/** A value as shown in a field line: JSON (strings quoted), cut to `max` characters. */
export function showValue(v: unknown, max: number): string {
  if (v === undefined) return "(absent)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function risksOfModel(m: ModelDiff): Risk[] {
  return m.objects.flatMap((o) => o.risks);
}

export function highestRisk(m: ModelDiff): Risk | undefined {
  let best: Risk | undefined;
  for (const r of risksOfModel(m)) if (severityRank(r.severity) > severityRank(best?.severity)) best = r;
  return best;
}

/** Models that have something to show: changed objects or an error. */
export function shownModels(result: DiffResult): ModelDiff[] {
  return result.models.filter((m) => m.objects.length || m.error);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function baseLine(result: DiffResult): string {
  return `base ${result.base.rev} (${result.base.commit.slice(0, 12)}), ${result.scope}`;
}

export function riskCounts(result: DiffResult): Record<Risk["severity"], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const m of result.models) for (const r of risksOfModel(m)) counts[r.severity]++;
  return counts;
}
