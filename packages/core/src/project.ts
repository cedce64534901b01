import type { ModelLock } from "@llmchart/policy";
import { bareExcerpt, checkConfig, didYouMean, locate, MAX_NAME_EXCERPT, nodeRange, problemAt, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { LOCK_FILE } from "@llmchart/schema/config-file";
import { readFileSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { locateConfig, rememberedConfig, resolveLayout, type Layout } from "./config-location.js";
import { InputError, InputErrors } from "./errors.js";
import { describeFsError, lazyConfigSource, parseConfigText, readConfigSource, readSourceText } from "./files.js";
import { parseLockText } from "./models/lock-file.js";
import { allRuleIds } from "./rules.js";

export { findConfig, locateConfig, rememberedConfig, resolveLayout, type ConfigLocation, type Layout, type RememberedConfig } from "./config-location.js";

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
  /**
   * The command generated headers name, when it is not what the root's package.json says
   * (`check --staged` judges a copy of the index, where package.json is not): see projectRenderCommand.
   */
  renderCommand?: string;
  /** The lock file beside the config (root-relative), whether or not it exists. */
  lockFile: string;
  /**
   * The lock file's text, read once; null when there is none. Part of every cache key of a
   * result that depends on the memory estimate.
   */
  lockText(): string | null;
  /** The lock file's entries, parsed and checked once on first use; undefined when there is none. A broken lock is an InputErrors (exit 2). */
  modelLock(): ModelLock | undefined;
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
      // The id is whatever the key says: shown as an excerpt (a pasted token is not shown at all).
      return problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), { ruleId: "config/unknown-rule", severity: "error", message: `rules.${bareExcerpt(id, undefined, MAX_NAME_EXCERPT)}: ${why}`, path: `rules.${id}` });
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
  return new InputErrors(problems.map((p) => new InputError(p.file, p.message, { line: p.line, column: p.column })));
}

/**
 * Finds, reads and checks the config, and resolves the layout: the one way every command gets
 * its configuration. A missing config, or one with errors (all of them listed), throws an
 * InputError/InputErrors: exit 2, the same in every command.
 */
export function loadProject(options: LoadProjectOptions): Project {
  const cwd = resolve(options.cwd);
  const { abs, root } = locateConfig(cwd, options.configPath);
  if (options.cacheEnv) {
    const { path, text } = readSourceText(root, abs);
    const remembered = rememberedConfig(root, path, text, options.cacheEnv);
    const hit = remembered.get();
    if (hit) return projectFrom(root, cwd, lazyConfigSource(path, text), hit.config, hit.problems);
    const project = checkedProject(root, cwd, parseConfigText({ path, text }));
    remembered.set({ config: project.config, problems: project.configProblems });
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
  const lockFile = posix.join(posix.dirname(configSource.path), LOCK_FILE);
  let text: string | null | undefined;
  let lock: { value: ModelLock | undefined } | undefined;
  const lockText = () => (text ??= readLockText(root, lockFile));
  return {
    root,
    cwd,
    configFile: configSource.path,
    configSource,
    config,
    configProblems,
    layout: resolveLayout(config),
    lockFile,
    lockText,
    modelLock() {
      if (!lock) {
        const t = lockText();
        lock = { value: t === null ? undefined : parseLockText(lockFile, t) };
      }
      return lock.value;
    },
  };
}

/** The lock file's text, or null when there is none; an unreadable one is an InputError. */
function readLockText(root: string, lockFile: string): string | null {
  try {
    return readFileSync(join(root, lockFile), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new InputError(lockFile, `cannot read the lock file: ${describeFsError(err)}`);
  }
}
