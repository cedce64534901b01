import { CONFIG_FILE, LOCK_FILE } from "@llmchart/schema/config-file";
import type { Problem, ResolvedConfig } from "@llmchart/schema";
import { layoutPaths } from "@llmchart/sync/application";
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, posix, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { cacheDirFor, RenderCache } from "../check/cache.js";
import { InputError } from "../errors.js";
import { under } from "../git.js";
import { displayPath, readSourceText } from "../source-text.js";
import { toolIdentity } from "../version.js";

// Where a project's config is, its layout, and the config check check's cache remembers: the part
// of the config module that needs neither the YAML library nor the validators, so check's early
// start (check/early.ts) can use it before they load. check.ts checks a config, load.ts loads one.

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

/** Where a project's config is (`abs`) and the project root every result is relative to. */
export interface ConfigLocation {
  abs: string;
  root: string;
}

/**
 * The config a command uses: `-c <file>` (relative to `cwd`) when given, else the nearest one
 * (findConfig). The project root is the config's folder, unless `-c` names a relative file: then
 * it is where the user is. An InputError (exit 2) when there is no such config file.
 */
export function locateConfig(cwd: string, configPath?: string): ConfigLocation {
  let abs: string | undefined;
  if (configPath !== undefined) {
    abs = resolve(cwd, configPath);
    if (!existsSync(abs)) throw new InputError(displayPath(cwd, abs), "no such config file");
  } else {
    abs = findConfig(cwd);
    if (!abs) {
      throw new InputError(CONFIG_FILE, `not found in ${displayPath(process.cwd(), cwd) || "."} or any parent folder up to the repository root; run \`llmchart init\` to create one from your layout`);
    }
  }
  if (statSync(abs).isDirectory()) throw new InputError(displayPath(cwd, abs), "is a directory, expected the config file");
  return { abs, root: configPath !== undefined && !isAbsolute(configPath) ? cwd : dirname(abs) };
}

/**
 * The layout's folders, root-relative. checkConfig has already refused a layout path that leads
 * outside the repository or overlaps another (`config/layout-path`), so this only joins them.
 */
export function resolveLayout(config: ResolvedConfig): Layout {
  const { chartDir, valuesDir, applicationsDir } = layoutPaths(config);
  return { chartDir, valuesDir, applicationsDir, chartValues: posix.join(chartDir, "values.yaml") };
}

/**
 * Whether a changed file (root-relative, `/`-separated) affects every model: a file of the chart,
 * the config itself, the lock file beside it (each model's memory facts) or the schemas, as
 * opposed to one model's values file.
 */
export function affectsEveryModel(layout: Layout, configFile: string, path: string): boolean {
  return under(path, layout.chartDir) || path === configFile || path === posix.join(posix.dirname(configFile), LOCK_FILE) || under(path, "schemas");
}

/** A config check as check's cache keeps it: the resolved config, its layout and its warnings. */
export interface RememberedConfig {
  config: ResolvedConfig;
  layout: Layout;
  problems: Problem[];
}

function isLayout(value: unknown): value is Layout {
  const l = value as Partial<Layout> | null | undefined;
  return typeof l === "object" && l !== null && [l.chartDir, l.valuesDir, l.applicationsDir, l.chartValues].every((p) => typeof p === "string");
}

/**
 * The config check remembered in check's cache folder (the environment names it, see
 * cacheDirFor) for a config with this shown path and text. The check is a pure function of both
 * (no file system access), so the key is the tool build, the path and the text.
 */
export function rememberedConfig(root: string, path: string, text: string, env: Record<string, string | undefined>): { get(): RememberedConfig | undefined; set(entry: RememberedConfig): void } {
  const cache = new RenderCache(cacheDirFor(root, env));
  const key = RenderCache.key([toolIdentity(), "project", path, text]);
  return {
    get() {
      // Only a config without errors is stored.
      const data = cache.read(key);
      const config = data?.config as ResolvedConfig | undefined;
      if (!config || typeof config !== "object" || typeof config.layout !== "object" || !isLayout(data?.layout) || !Array.isArray(data.problems)) return undefined;
      return { config, layout: data.layout, problems: data.problems as Problem[] };
    },
    set(entry) {
      // Only what JSON gives back unchanged is remembered (YAML's .inf or .nan would not be).
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(entry)), entry)) cache.write(key, { config: entry.config, layout: entry.layout, problems: entry.problems });
    },
  };
}

/** A config check remembered in check's cache, found from where the user is: what check's early start works with. */
export interface RememberedAt extends RememberedConfig {
  root: string;
  /** The config file, root-relative (as shown), and its text. */
  path: string;
  text: string;
}

/**
 * The config a command would use (locateConfig), when check's cache remembers its check: no YAML
 * is read and nothing is validated. Undefined when the cache does not know this config's text.
 */
export function rememberedConfigAt(cwd: string, configPath: string | undefined, env: Record<string, string | undefined>): RememberedAt | undefined {
  const { abs, root } = locateConfig(cwd, configPath);
  const { path, text } = readSourceText(root, abs);
  const hit = rememberedConfig(root, path, text, env).get();
  return hit && { ...hit, root, path, text };
}
