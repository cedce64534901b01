import type { Problem, ResolvedConfig, SourceFile } from "@llmchart/schema";
import { resolve } from "node:path";
import { lazyConfigSource, parseConfigText, readConfigSource, readSourceText } from "../files.js";
import { checkConfigDocument, configErrors } from "./check.js";
import { locateConfig, rememberedConfig, type Layout } from "./location.js";

export interface LoadConfigOptions {
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

/** A config found, read and checked: usable, with its layout and its warnings. */
export interface LoadedConfig {
  /** Absolute folder holding the config; every path in results is relative to it. */
  root: string;
  /** The config, root-relative path and text, parsed when something asks for its YAML tree. */
  source: SourceFile;
  config: ResolvedConfig;
  layout: Layout;
  /** Its warnings (a config with errors is never loaded). */
  problems: Problem[];
}

/** The loaded config of a parsed config document, or the InputErrors of its errors. */
function usable(root: string, source: SourceFile): LoadedConfig {
  const checked = checkConfigDocument(source);
  if (!checked.config || !checked.layout) {
    const errors = checked.problems.filter((p) => p.severity === "error");
    throw configErrors(errors.length ? errors : checked.problems);
  }
  return { root, source, config: checked.config, layout: checked.layout, problems: checked.problems };
}

/**
 * Finds, reads and checks the config, and resolves the layout: the one way every entry point
 * (the CLI, the language server, check) loads its configuration — check's early start reads the
 * same check from the cache (rememberedConfigAt). A missing config, or one with errors (all of
 * them listed), throws an InputError/InputErrors: exit 2, the same in every command.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const { abs, root } = locateConfig(resolve(options.cwd), options.configPath);
  if (!options.cacheEnv) return usable(root, readConfigSource(root, abs));
  const { path, text } = readSourceText(root, abs);
  const remembered = rememberedConfig(root, path, text, options.cacheEnv);
  const hit = remembered.get();
  if (hit) return { root, source: lazyConfigSource(path, text), ...hit };
  const loaded = usable(root, parseConfigText({ path, text }));
  remembered.set({ config: loaded.config, layout: loaded.layout, problems: loaded.problems });
  return loaded;
}
