import { checkValues, compareProblems, schemaRules, type CheckedFile, type Problem, type RuleMeta, type SourceFile } from "@llmchart/schema";

/** One values file after the schema stage: its parsed source and its checked data. */
export interface LintInput {
  source: SourceFile;
  checked: CheckedFile;
}

export interface LintContext {
  cwd: string;
}

/**
 * A stage of `llmchart lint` over the same parsed files (the schema stage always runs first;
 * the policy linter is the next stage). Stages never re-read or re-parse a file.
 */
export interface LintStage {
  id: string;
  rules: readonly RuleMeta[];
  /**
   * Runs before the schema stage's problems are collected, and may drop ones that do not hold
   * for what Helm validates (the values merged over the chart defaults).
   */
  prepare?(inputs: LintInput[]): void;
  run(inputs: readonly LintInput[], context: LintContext): Promise<Problem[]> | Problem[];
}

export interface LintResult {
  problems: Problem[];
  inputs: LintInput[];
  rules: RuleMeta[];
}

/** Runs the schema check on every file, then each further stage, and returns problems in a stable order. */
export async function lintSources(
  sources: readonly SourceFile[],
  stages: readonly LintStage[],
  context: LintContext,
): Promise<LintResult> {
  const inputs = sources.map((source) => ({ source, checked: checkValues(source) }));
  for (const stage of stages) stage.prepare?.(inputs);
  const problems: Problem[] = inputs.flatMap((i) => i.checked.problems);
  const rules: RuleMeta[] = [...schemaRules];
  for (const stage of stages) {
    rules.push(...stage.rules);
    problems.push(...(await stage.run(inputs, context)));
  }
  problems.sort(compareProblems);
  return { problems, inputs, rules };
}
