import { checkValues, defaultConfig, parseSource, type Problem, type ResolvedConfig } from "@llmchart/schema";
import { lintPolicy, type LintPolicyOptions } from "../src/engine.js";

/** Lints one inline values file with every rule (or the options' rules). */
export function lint(text: string, options: LintPolicyOptions = {}, file = "values.yaml"): Problem[] {
  const source = parseSource(file, text);
  return lintPolicy([{ source, checked: checkValues(source) }], options);
}

export function withRules(rules: Record<string, "off" | "info" | "warning" | "error">): ResolvedConfig {
  return { ...defaultConfig, rules };
}

/** `line:col ruleId` of each problem, for compact assertions. */
export function where(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.line}:${p.column} ${p.ruleId}`);
}

/**
 * Follows a piece of advice (convention 16): lints `before` and `after` (the file with the advice
 * applied) with every rule and returns what `after` still has of `ruleIds`, plus the problems of
 * `after` that `before` did not have at all (by rule, path and severity) — both should be empty.
 */
export function followAdvice(before: string, after: string, ruleIds: readonly string[], options: LintPolicyOptions = {}): { remaining: Problem[]; worse: Problem[] } {
  const key = (p: Problem) => `${p.ruleId} ${p.path} ${p.severity}`;
  const was = new Set(lint(before, options).map(key));
  const now = lint(after, options);
  return { remaining: now.filter((p) => ruleIds.includes(p.ruleId)), worse: now.filter((p) => !was.has(key(p)) && !ruleIds.includes(p.ruleId)) };
}
