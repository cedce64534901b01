import { CONFIG_FILE, checkConfig, didYouMean, locate, nodeRange, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, posix, resolve } from "node:path";
import { InputError, InputErrors } from "./errors.js";
import { displayPath, readConfigSource } from "./files.js";
import { allRuleIds } from "./rules.js";

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

/** A layout path as a normalised root-relative path, or undefined when it leaves the root. */
function insideRoot(path: string): string | undefined {
  const p = posix.normalize(path.replace(/\/+$/, "") || ".");
  if (posix.isAbsolute(p) || p === ".." || p.startsWith("../") || path.includes("\\")) return undefined;
  return p;
}

function problemAtKey(source: SourceFile, segments: (string | number)[], ruleId: string, message: string): Problem {
  const loc = locate(source.doc, segments);
  const range = nodeRange(loc.keyNode ?? loc.nearest);
  const start = range ? source.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
  const end = range ? source.lineCounter.linePos(range[1]) : start;
  return { ruleId, severity: "error", message, file: source.path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, path: segments.join(".") };
}

/** The layout of `config`, or problems at the config keys that would lead outside the repository. */
export function resolveLayout(config: ResolvedConfig, source: SourceFile): { layout?: Layout; problems: Problem[] } {
  const root = config.layout.root;
  const problems: Problem[] = [];
  const part = (key: "chartDir" | "valuesDir" | "applicationsDir"): string => {
    const joined = insideRoot(posix.join(root, config.layout[key]));
    if (joined === undefined || joined === ".") {
      problems.push(problemAtKey(source, ["layout", key], "config/layout", `layout.root + layout.${key} must name a folder inside the repository, got "${posix.join(root, config.layout[key])}"`));
      return "";
    }
    return joined;
  };
  const chartDir = part("chartDir");
  const valuesDir = part("valuesDir");
  const applicationsDir = part("applicationsDir");
  if (problems.length) return { problems };
  return { layout: { chartDir, valuesDir, applicationsDir, chartValues: posix.join(chartDir, "values.yaml") }, problems };
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
      return problemAtKey(source, ["rules", id], "config/unknown-rule", `rules.${id}: ${why}`);
    });
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
  const configSource = readConfigSource(root, abs);
  const checked = checkConfig(configSource);
  const errors = checked.problems.filter((p) => p.severity === "error");
  if (errors.length || !checked.config) throw configErrors(errors.length ? errors : checked.problems);
  const config = checked.config;
  const resolved = resolveLayout(config, configSource);
  const more = [...resolved.problems, ...ruleIdProblems(configSource, config)];
  if (more.length || !resolved.layout) throw configErrors(more);
  return {
    root,
    cwd,
    configFile: configSource.path,
    configSource,
    config,
    configProblems: checked.problems,
    layout: resolved.layout,
  };
}
