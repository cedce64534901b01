import { CONFIG_FILE, compareProblems, schemaRules, type Problem, type RuleMeta, type SourceFile } from "@llmchart/schema";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseSourceText, readAll, readSourceText } from "../files.js";
import type { LoadedConfig } from "../lint/config.js";
import { lintSources } from "../lint/pipeline.js";
import { chartValuesPath, type ChartDefaultsCache } from "../lint/policy-stage.js";
import { loadStages } from "../commands/lint.js";
import { RenderCache } from "./cache.js";

/** A values file as `check` needs it after linting: shown path and text (the helm stage keys on both). */
export interface LintedFile {
  path: string;
  text: string;
}

export interface CachedLintResult {
  /** Problems of every file, in lintSources' order. */
  problems: Problem[];
  rules: RuleMeta[];
  files: LintedFile[];
}

export interface CachedLintOptions {
  cwd: string;
  /** The config `llmchart lint` runs with (llmchart.config.yaml in cwd, or the defaults) and its text. */
  loaded: LoadedConfig;
  configText: string | undefined;
  cache: RenderCache;
  /** toolIdentity(): results of another build are never reused. */
  tool: string;
}

/** Reads every file without parsing it, collecting the unreadable ones as readSourceFiles does. */
function readTexts(cwd: string, paths: readonly string[]): LintedFile[] {
  return readAll(paths, (p) => readSourceText(cwd, p));
}

/** The chart values.yaml the policy stage merges over, as text; null when absent, undefined when unreadable (no caching then). */
function chartDefaultsText(cwd: string, loaded: LoadedConfig): string | null | undefined {
  try {
    return readFileSync(join(cwd, chartValuesPath(loaded.config)), "utf8");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? null : undefined;
  }
}

/**
 * The schema and policy lint of `paths` (what lintSources computes), with each file's problems
 * cached under a key of everything they depend on: the tool build, the lint config's text, the
 * chart's values.yaml (the defaults every file is merged over), the file's path and its text. A
 * file with a fresh entry is read but not parsed; the policy stage is set up only when some file
 * misses. This relies on a file's problems depending on that file alone, which holds for every
 * stage (each judges one values file over the chart defaults).
 */
export async function lintWithCache(paths: readonly string[], options: CachedLintOptions): Promise<CachedLintResult> {
  const { cwd, loaded, cache, tool } = options;
  const files = readTexts(cwd, paths);
  const defaults = chartDefaultsText(cwd, loaded);
  const keyOf = (f: LintedFile) =>
    defaults === undefined ? undefined : RenderCache.key([tool, "lint", options.configText ?? "\0defaults", defaults ?? "\0none", f.path, f.text]);

  const problems: Problem[] = [];
  const misses: { file: LintedFile; key: string | undefined }[] = [];
  for (const file of files) {
    const key = keyOf(file);
    const hit = key === undefined ? undefined : cache.get(key);
    if (hit) problems.push(...hit);
    else misses.push({ file, key });
  }

  let rules: RuleMeta[];
  if (misses.length) {
    const sources: SourceFile[] = misses.map(({ file }) => parseSourceText(file));
    const defaultsCache: ChartDefaultsCache = {
      get: (path, text) => {
        const data = cache.read(RenderCache.key([tool, "chart-defaults", path, text]))?.data;
        return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
      },
      set: (path, text, data) => cache.write(RenderCache.key([tool, "chart-defaults", path, text]), { data }),
    };
    const linted = await lintSources(sources, await loadStages(cwd, loaded, defaultsCache), { cwd });
    rules = linted.rules;
    const byFile = new Map<string, Problem[]>(misses.map(({ file }) => [file.path, []]));
    for (const p of linted.problems) byFile.get(p.file)?.push(p);
    for (const { file, key } of misses) if (key !== undefined) cache.set(key, byFile.get(file.path) ?? []);
    problems.push(...linted.problems);
  } else {
    // Every file was fresh: only the rules' metadata is needed (SARIF lists them).
    const policy = await import("@llmchart/policy");
    rules = [...schemaRules, ...policy.policyRules];
  }
  problems.sort(compareProblems);
  return { problems, rules, files };
}

/**
 * The config `llmchart lint` would load in `cwd`, reusing the one `check` already read when it is
 * the same file (so it is not parsed twice). Undefined when `check` uses another file: then the
 * caller loads it as lint does.
 */
export function sameConfig(cwd: string, configPath: string, shownPath: string, text: string, config: LoadedConfig["config"]): { loaded: LoadedConfig; text: string } | undefined {
  return resolve(cwd, configPath) === resolve(cwd, CONFIG_FILE) ? { loaded: { config, file: shownPath }, text } : undefined;
}
