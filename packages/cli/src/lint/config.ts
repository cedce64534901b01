import { CONFIG_FILE, checkConfig, defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { readConfigSource } from "../files.js";

/** The config `llmchart lint` runs with, and where it came from. */
export interface LoadedConfig {
  config: ResolvedConfig;
  /** The config file as shown to the user, or undefined when the defaults are used. */
  file: string | undefined;
}

/**
 * Reads `llmchart.config.yaml` from `cwd` (a missing file means the built-in defaults).
 * A config with errors is unusable input: every problem becomes one `file:line:col` line and
 * the command exits 2, like an unreadable values file.
 */
export function loadConfig(cwd: string): LoadedConfig {
  if (!existsSync(join(cwd, CONFIG_FILE))) return { config: defaultConfig, file: undefined };
  const source = readConfigSource(cwd, CONFIG_FILE);
  const checked = checkConfig(source);
  const errors = checked.problems.filter((p) => p.severity === "error");
  if (errors.length || !checked.config) {
    throw new InputErrors(errors.map((p) => new InputError(`${p.file}:${p.line}:${p.column}`, p.message)));
  }
  return { config: checked.config, file: source.path };
}
