import { compareProblems, countProblems, parseSource, type Problem, type RuleMeta, type SourceFile } from "@llmchart/schema";
import { resolve } from "node:path";
import { refuseReadOnly, writeFileAtomic } from "./atomic.js";
import { InputError, InputErrors } from "./errors.js";
import { describeFsError, displayPath, parseSourceText } from "./files.js";
import { lintSources, type LintResult, type LintStage } from "./lint/pipeline.js";
import { createPolicyStage, type ChartDefaultsCache, type StageOptions } from "./lint/policy-stage.js";
import type { Project } from "./project.js";
import { allRules } from "./rules.js";
import { editTarget } from "./safe-path.js";
import { listValuesFiles, readValuesTexts } from "./values-files.js";
import { documentFileProblems, modelNameProblems } from "./lint/file-checks.js";

/**
 * Files parsed and linted at a time. A file's problems depend on that file alone, so linting a
 * layout batch by batch gives the same problems as all at once, while a parsed file (its tokens,
 * YAML nodes and merged values) is garbage once its batch is done: young-generation garbage that
 * costs the collector nothing, instead of 200 files' trees copied from one space to the next and
 * promoted (a quarter of `lint`'s time on 200 models went to the garbage collector).
 */
const LINT_BATCH = 8;

/** Lints `texts` LINT_BATCH at a time; the problems of all of them. */
export async function lintInBatches(texts: readonly { path: string; text: string }[], stages: readonly LintStage[], root: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (let i = 0; i < texts.length; i += LINT_BATCH) {
    const sources = texts.slice(i, i + LINT_BATCH).map(parseSourceText);
    problems.push(...(await lintSources(sources, stages, { cwd: root })).problems);
  }
  return problems;
}

/** Fix passes before giving up: a fix may reveal another (ESLint uses 10 as well). */
export const MAX_FIX_PASSES = 10;

/** One fix `lint --fix` applied: where, which rule, and the text before and after. */
export interface AppliedFix {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  before: string;
  after: string;
}

export interface LintLayoutOptions {
  project: Project;
  /** Files to lint (relative to `project.cwd`, or absolute); default every values file of the layout. */
  files?: readonly string[];
  /** Apply the safe fixes and write the files (atomically, mode kept). */
  fix?: boolean;
  /** Where the chart defaults' data may be cached (check). */
  defaultsCache?: ChartDefaultsCache;
}

export interface LintLayoutResult {
  problems: Problem[];
  rules: readonly RuleMeta[];
  /** Root-relative paths of the files that were linted. */
  files: string[];
  /** With `fix`: what was changed, in file and line order. */
  fixed: AppliedFix[];
}

/** The stages after the schema: the policy linter with the project's config and chart defaults. */
export async function lintStages(project: Project, defaultsCache?: ChartDefaultsCache, options?: StageOptions): Promise<LintStage[]> {
  return [await createPolicyStage(project, defaultsCache, options)];
}

/**
 * Lints in-memory documents (an editor's buffers, a file about to be written) exactly as files
 * on disk are linted: schema, policy, config severities and disable comments, and the file
 * checks (`layout/model-name`; `io/outside-repository` for a buffer whose file on disk is a
 * link out of the repository, which is then not linted). `path` is root-relative; nothing is
 * read from disk but the chart defaults.
 */
export async function lintDocuments(project: Project, docs: readonly { path: string; text: string }[], options?: StageOptions): Promise<LintResult> {
  const { usable, problems } = documentFileProblems(project, docs);
  const sources = usable.map((d) => parseSource(d.path, d.text));
  const result = await lintSources(sources, await lintStages(project, undefined, options), { cwd: project.root });
  if (problems.length) result.problems = [...problems, ...result.problems].sort(compareProblems);
  return result;
}

function lineCol(source: SourceFile, offset: number): { line: number; col: number } {
  return source.lineCounter.linePos(offset);
}

/**
 * Applies the fixes of `result` to each file, re-lints, and repeats until nothing changes.
 * Returns the final sources and result and what was applied; files are not written here.
 */
async function fixUntilStable(sources: SourceFile[], result: LintResult, stages: readonly LintStage[], root: string) {
  const { applyFixesDetailed } = await import("@llmchart/policy");
  const fixed: AppliedFix[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    const next = sources.map((s) => {
      const { text, applied } = applyFixesDetailed(s, result.problems);
      if (text === s.text) return s;
      changed = true;
      for (const p of applied) {
        const at = lineCol(s, p.fix!.range[0]);
        fixed.push({ file: s.path, line: at.line, column: at.col, ruleId: p.ruleId, before: s.text.slice(p.fix!.range[0], p.fix!.range[1]), after: p.fix!.text });
      }
      return parseSource(s.path, text);
    });
    if (!changed) break;
    sources = next;
    result = await lintSources(sources, stages, { cwd: root });
  }
  return { sources, result, fixed };
}

/**
 * Schema + policy lint of values files. Named files that cannot be read are the user's mistake
 * (InputErrors, exit 2); files found through the layout that cannot be read are problems on
 * those files (`io/unreadable`), and every other file is still linted.
 */
export async function lintLayout(options: LintLayoutOptions): Promise<LintLayoutResult> {
  const { project } = options;
  const root = project.root;
  const problems: Problem[] = [];
  let paths: string[];
  if (options.files?.length) {
    paths = options.files.map((f) => displayPath(root, resolve(project.cwd, f)));
  } else {
    const listing = listValuesFiles(root, project.layout.valuesDir);
    paths = listing.files;
    problems.push(...listing.problems);
  }
  const read = readValuesTexts(root, paths);
  // A file the user named that cannot be read is a usage mistake (exit 2, all of them listed);
  // one found through the layout is a problem on that file, and the rest are still linted.
  // A link out of the repository is a finding about the repository either way, never read.
  const unreadable = read.problems.filter((p) => p.ruleId === "io/unreadable");
  if (options.files?.length && unreadable.length) throw new InputErrors(unreadable.map((p) => new InputError(p.file, p.message)));
  problems.push(...read.problems, ...modelNameProblems(project, read.files.map((f) => f.path)));
  const texts = read.files;
  const stages = await lintStages(project, options.defaultsCache);
  if (!options.fix) {
    problems.push(...(await lintInBatches(texts, stages, root)));
    problems.sort(compareProblems);
    return { problems, rules: allRules(), files: texts.map((t) => t.path), fixed: [] };
  }
  // --fix: every file stays parsed until the fixes are stable and written.
  const parsed = texts.map(parseSourceText);
  const original = new Map(parsed.map((s) => [s.path, s.text]));
  const { sources, result, fixed } = await fixUntilStable(parsed, await lintSources(parsed, stages, { cwd: root }), stages, root);
  const changed = sources.filter((s) => original.get(s.path) !== s.text);
  // Every target is checked before the first write: a refused one (outside the repository,
  // read-only) leaves all files as they were.
  const targets = new Map(changed.map((s) => [s, editTarget(root, resolve(root, s.path), s.path)]));
  for (const s of changed) refuseReadOnly(targets.get(s)!, s.path);
  for (const s of changed) {
    const abs = targets.get(s)!;
    try {
      writeFileAtomic(abs, s.text);
    } catch (err) {
      throw new InputError(s.path, `cannot write the fixed file: ${describeFsError(err)}`);
    }
  }
  problems.push(...result.problems);
  problems.sort(compareProblems);
  return { problems, rules: allRules(), files: sources.map((s) => s.path), fixed };
}

/** Exit status of a result: 1 with errors or more warnings than allowed, else 0. */
export function exitStatus(problems: readonly Problem[], maxWarnings?: number): { code: 0 | 1; tooManyWarnings: boolean } {
  const counts = countProblems(problems);
  if (counts.error > 0) return { code: 1, tooManyWarnings: false };
  if (maxWarnings !== undefined && counts.warning > maxWarnings) return { code: 1, tooManyWarnings: true };
  return { code: 0, tooManyWarnings: false };
}
