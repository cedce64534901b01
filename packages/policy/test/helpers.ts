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
