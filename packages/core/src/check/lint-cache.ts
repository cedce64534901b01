import type { Problem, SourceFile } from "@llmchart/schema";
import { parseSourceText } from "../files.js";
import { lintStages } from "../lint.js";
import { lintSources } from "../lint/pipeline.js";
import type { ChartDefaults, ChartDefaultsCache } from "../lint/chart-defaults.js";
import type { Project } from "../project.js";
import { RenderCache } from "./cache.js";

/** A values file as `check` needs it after linting: shown path and text (the helm stage keys on both). */
export interface LintedFile {
  path: string;
  text: string;
}

export interface CachedLintResult {
  /**
   * Problems of every file, unsorted, cached files' and fresh ones' together: a fact said once
   * per run may be here once per lint run (check sorts and says it once, sayRunFactsOnce).
   */
  problems: Problem[];
}

export interface CachedLintOptions {
  project: Project;
  cache: RenderCache;
  /** toolIdentity(): results of another build are never reused. */
  tool: string;
  /** The chart's values.yaml, as the run read it once. */
  defaults: ChartDefaults;
}

/**
 * What a cached lint result is: bumped when the same tool build could mean other problems for the
 * same input (v2: policy rules also judge files with schema errors, issue 23).
 */
const LINT_RESULTS = "lint/v3";

/**
 * The schema and policy lint of `files` (what lintSources computes), with each file's problems
 * cached under a key of everything they depend on: the tool build, the lint config's text, the
 * chart's values.yaml (the defaults every file is merged over), the file's path and its text. A
 * file with a fresh entry is read but not parsed; the policy stage is set up only when some file
 * misses. The lock file's text is part of the key too. This relies on a file's problems depending on that file alone, which holds for every
 * stage (each judges one values file over the chart defaults).
 */
export async function lintWithCache(files: readonly LintedFile[], options: CachedLintOptions): Promise<CachedLintResult> {
  const { project, cache, tool } = options;
  const problems: Problem[] = [];
  // The text the policy stage merges over: null when absent, undefined when unreadable (no caching then).
  const read = options.defaults.text();
  const defaults = read === undefined ? undefined : (read?.text ?? null);
  // The lock sizes every model's memory: a re-pinned model is linted again.
  const lock = project.lockText();
  const keyOf = (f: LintedFile) =>
    defaults === undefined ? undefined : RenderCache.key([tool, LINT_RESULTS, project.configSource.text, defaults ?? "\0none", lock ?? "\0none", f.path, f.text]);

  const misses: { file: LintedFile; key: string | undefined }[] = [];
  for (const file of files) {
    const key = keyOf(file);
    const hit = key === undefined ? undefined : cache.get(key);
    if (hit) problems.push(...hit);
    else misses.push({ file, key });
  }

  if (misses.length) {
    const sources: SourceFile[] = misses.map(({ file }) => parseSourceText(file));
    const defaultsCache: ChartDefaultsCache = {
      get: (path, text) => {
        const data = cache.read(RenderCache.key([tool, "chart-defaults", path, text]))?.data;
        return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
      },
      set: (path, text, data) => {
        cache.write(RenderCache.key([tool, "chart-defaults", path, text]), { data });
      },
    };
    const linted = await lintSources(sources, await lintStages(project, defaultsCache, { chartDefaults: options.defaults }), { cwd: project.root });
    const byFile = new Map<string, Problem[]>(misses.map(({ file }) => [file.path, []]));
    for (const p of linted.problems) byFile.get(p.file)?.push(p);
    for (const { file, key } of misses) if (key !== undefined) cache.set(key, byFile.get(file.path) ?? []);
    problems.push(...linted.problems);
  }
  return { problems };
}

