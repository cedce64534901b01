import type { RiskId } from "./risks.js";
import type { DiffResult } from "./types.js";

export interface ExitCodeOptions {
  /** Like `git diff --exit-code`: 1 when any object changed. */
  exitCode?: boolean;
  /** 1 when any of these risks is present. */
  failOn?: readonly RiskId[];
}

/** True when at least one object differs (or a model could not be rendered). */
export function hasChanges(result: DiffResult): boolean {
  return result.models.some((m) => m.objects.length > 0 || m.error !== undefined);
}

/** The `error` lines of models helm could not render, for stderr. */
export function diffErrors(result: DiffResult): string[] {
  return result.models.filter((m) => m.error).map((m) => `${m.valuesFile}: ${m.error}`);
}

/**
 * 0 by default; 1 with `exitCode` when anything changed or render has not run (generated files
 * lag behind the config: the change is not complete), or with `failOn` when one of those risks is
 * present; 2 when a model could not be rendered (the diff is incomplete).
 */
export function diffExitCode(result: DiffResult, options: ExitCodeOptions = {}): 0 | 1 | 2 {
  if (diffErrors(result).length) return 2;
  const failOn = new Set(options.failOn ?? []);
  if (failOn.size && result.models.some((m) => m.objects.some((o) => o.risks.some((r) => failOn.has(r.id))))) return 1;
  if (options.exitCode && (hasChanges(result) || result.renderPending)) return 1;
  return 0;
}
