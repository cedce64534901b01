import type { ModelLock } from "@llmchart/policy";
import type { Problem, ResolvedConfig, SourceFile } from "@llmchart/schema";
import { LOCK_FILE } from "@llmchart/schema/config-file";
import { readFileSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { loadConfig, type LoadConfigOptions } from "./config/load.js";
import type { Layout } from "./config/location.js";
import { InputError } from "./errors.js";
import { describeFsError } from "./files.js";
import { parseLockText } from "./models/lock-file.js";

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
  /** Config problems below error severity (warnings, the placeholder repoURL too), reported by the commands that judge the config. */
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

export type LoadProjectOptions = LoadConfigOptions;

/**
 * Loads the config (loadConfig: found, read, checked, its layout resolved) and what a library
 * function needs besides: the one way every command gets its configuration. A missing config, or
 * one with errors (all of them listed), throws an InputError/InputErrors: exit 2, the same in
 * every command.
 */
export function loadProject(options: LoadProjectOptions): Project {
  const cwd = resolve(options.cwd);
  const { root, source, config, layout, problems } = loadConfig({ ...options, cwd });
  const lockFile = posix.join(posix.dirname(source.path), LOCK_FILE);
  let text: string | null | undefined;
  let lock: { value: ModelLock | undefined } | undefined;
  const lockText = () => (text ??= readLockText(root, lockFile));
  return {
    root,
    cwd,
    configFile: source.path,
    configSource: source,
    config,
    configProblems: problems,
    layout,
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
