import type { Problem, ResolvedConfig } from "@llmchart/schema";

/**
 * `problems` with the config's `rules:` severities applied: a finding whose rule is set to "off"
 * is dropped, one whose rule has a setting takes it, the rest keep theirs. The decision is the
 * policy engine's own `severityOf` — the one function lint's policy stage runs each rule with —
 * so a setting means the same for a finding of every stage (check's capacity findings too).
 */
export async function configuredSeverities(problems: readonly Problem[], config: ResolvedConfig): Promise<Problem[]> {
  if (!problems.length) return [];
  const { severityOf } = await import("@llmchart/policy");
  return problems.flatMap((p) => {
    const severity = severityOf({ id: p.ruleId, severity: p.severity }, config);
    if (severity === "off") return [];
    p.severity = severity;
    return [p];
  });
}
