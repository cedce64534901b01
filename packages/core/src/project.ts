import { CONFIG_FILE, checkConfig, didYouMean, locate, nodeRange, problemAt, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { layoutPaths } from "@llmchart/sync";
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, posix, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { cacheDirFor, RenderCache } from "./check/cache.js";
import { InputError, InputErrors } from "./errors.js";
import { displayPath, lazyConfigSource, parseConfigText, readConfigSource, readSourceText } from "./files.js";
import { allRuleIds } from "./rules.js";
import { toolIdentity } from "./version.js";

/**
 * Where the layout's parts live, relative to the project root (`/`-separated, normalised):
 * resolved once from the config and used by every command.
 */
export interface Layout {
  chartDir: string;
  valuesDir: string;
  applicationsDir: string;
  /** The chart's values.yaml, the defaults every values file is merged over. */
  chartValues: string;
}

/** Everything a library function needs to know about the repository it works on. */
export interface Project {
  /** Absolute folder holding the config; every path in results is relative to it. */
  root: string;
  /** Absolute folder the user ran the command from (file arguments resolve against it). */
  cwd: string;
  /** The config file, root-relative. */
  configFile: string;
  configSource: SourceFile;
  config: ResolvedConfig;
  /** Config problems below error severity (warnings), reported by the commands that judge the config. */
  configProblems: Problem[];
  layout: Layout;
}

export interface LoadProjectOptions {
  /** Where the user is. */
  cwd: string;
  /** `-c <file>`, relative to cwd; without it the nearest llmchart.config.yaml up to the git root. */
  configPath?: string;
  /**
   * Remember the checked config in the project's cache folder (the environment names it, see
   * cacheDirFor), keyed by the tool build, the config's path and its text: an unchanged config is
   * then not parsed or validated again. For `check`, whose cache folder exists anyway.
   */
  cacheEnv?: Record<string, string | undefined>;
}

/**
 * The nearest `llmchart.config.yaml` from `cwd` upwards, stopping at the git work tree's top
 * (the folder holding `.git`) or the file system root — as ESLint and Prettier find theirs.
 */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, ".git"))) return undefined;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The layout's folders, root-relative. checkConfig has already refused a layout path that leads
 * outside the repository or overlaps another (`config/layout-path`), so this only joins them.
 */
export function resolveLayout(config: ResolvedConfig): Layout {
  const { chartDir, valuesDir, applicationsDir } = layoutPaths(config);
  return { chartDir, valuesDir, applicationsDir, chartValues: posix.join(chartDir, "values.yaml") };
}

/** Rule ids in `rules:` must name known, configurable rules: a typo would silently keep the default severity. */
function ruleIdProblems(source: SourceFile, config: ResolvedConfig): Problem[] {
  const known = allRuleIds({ configurable: true });
  return Object.keys(config.rules)
    .filter((id) => !known.includes(id))
    .map((id) => {
      const hint = didYouMean(id, known);
      const why = /^(schema|yaml)\//.test(id)
        ? "schema and YAML problems cannot be configured (Helm rejects those values itself)"
        : `unknown rule${hint ? ` — did you mean "${hint}"?` : " (see docs/rules/README.md)"}`;
      const loc = locate(source.doc, ["rules", id]);
      return problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), { ruleId: "config/unknown-rule", severity: "error", message: `rules.${id}: ${why}`, path: `rules.${id}` });
    });
}

/**
 * Every problem of a config document, errors and warnings, without throwing: what the editor
 * shows for an open llmchart.config.yaml, and what loadProject refuses on.
 */
export function configDocumentProblems(source: SourceFile): Problem[] {
  const checked = checkConfig(source);
  if (!checked.config) return checked.problems;
  return [...checked.problems, ...ruleIdProblems(source, checked.config)];
}

/** Config problems as the one-line-each error every command exits 2 with. */
export function configErrors(problems: readonly Problem[]): InputErrors {
  return new InputErrors(problems.map((p) => new InputError(`${p.file}:${p.line}:${p.column}`, p.message)));
}

/**
 * Finds, reads and checks the config, and resolves the layout: the one way every command gets
 * its configuration. A missing config, or one with errors (all of them listed), throws an
 * InputError/InputErrors: exit 2, the same in every command.
 */
export function loadProject(options: LoadProjectOptions): Project {
  const cwd = resolve(options.cwd);
  let abs: string | undefined;
  if (options.configPath !== undefined) {
    abs = resolve(cwd, options.configPath);
    if (!existsSync(abs)) throw new InputError(displayPath(cwd, abs), "no such config file");
  } else {
    abs = findConfig(cwd);
    if (!abs) {
      throw new InputError(CONFIG_FILE, `not found in ${displayPath(process.cwd(), cwd) || "."} or any parent folder up to the repository root; run \`llmchart init\` to create one from your layout`);
    }
  }
  if (statSync(abs).isDirectory()) throw new InputError(displayPath(cwd, abs), "is a directory, expected the config file");
  // The project root is the config's folder, unless -c names a file elsewhere: then where the user is.
  const root = options.configPath !== undefined && !isAbsolute(options.configPath) ? cwd : dirname(abs);
  if (options.cacheEnv) {
    const { path, text } = readSourceText(root, abs);
    const cache = new RenderCache(cacheDirFor(root, options.cacheEnv));
    // The check is a pure function of the config's text and shown path (no file system access).
    const key = RenderCache.key([toolIdentity(), "project", path, text]);
    const hit = cachedConfig(cache.read(key));
    if (hit) return projectFrom(root, cwd, lazyConfigSource(path, text), hit.config, hit.problems);
    const project = checkedProject(root, cwd, parseConfigText({ path, text }));
    // Only what JSON gives back unchanged is remembered (YAML's .inf or .nan would not be).
    const entry = { config: project.config, problems: project.configProblems };
    if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry)) cache.write(key, entry);
    return project;
  }
  return checkedProject(root, cwd, readConfigSource(root, abs));
}

/** The project of a parsed config, or the InputErrors of its problems. */
function checkedProject(root: string, cwd: string, configSource: SourceFile): Project {
  const checked = checkConfig(configSource);
  const errors = checked.problems.filter((p) => p.severity === "error");
  if (errors.length || !checked.config) throw configErrors(errors.length ? errors : checked.problems);
  const unknownRules = ruleIdProblems(configSource, checked.config);
  if (unknownRules.length) throw configErrors(unknownRules);
  return projectFrom(root, cwd, configSource, checked.config, checked.problems);
}

function projectFrom(root: string, cwd: string, configSource: SourceFile, config: ResolvedConfig, configProblems: Problem[]): Project {
  return { root, cwd, configFile: configSource.path, configSource, config, configProblems, layout: resolveLayout(config) };
}

/** A remembered config check: only a config without errors is stored. */
function cachedConfig(data: Record<string, unknown> | undefined): { config: ResolvedConfig; problems: Problem[] } | undefined {
  const config = data?.config as ResolvedConfig | undefined;
  if (!config || typeof config !== "object" || typeof config.layout !== "object" || !Array.isArray(data?.problems)) return undefined;
  return { config, problems: data.problems as Problem[] };
}
