import type { ResolvedBase } from "@llmchart/diff";
import { checkConfig, parseSource, type ResolvedConfig } from "@llmchart/schema";
import { layoutPaths, modelOf } from "@llmchart/sync";
import { posix } from "node:path";
import { DiffError } from "../errors.js";
import { blobId, listTree, readBlobs, topPath, type Repo, type TreeEntry } from "../git.js";
import type { Side, SidePaths } from "./options.js";
import type { WorkTree } from "./work-tree.js";

/** The base revision's side: its config (undefined when it has none), its files and their blobs. */
export interface BaseSide extends Side {
  /** The base's own config; undefined when the base has no config file (every model is new). */
  ownConfig: ResolvedConfig | undefined;
  /** cwd-relative path → tree entry, for the chart and values files. */
  blobs: Map<string, TreeEntry>;
}

interface BaseInput {
  repo: Repo;
  base: ResolvedBase;
  configPath: string;
  /** The working tree's config. */
  config: ResolvedConfig;
  work: WorkTree;
  algorithm: "sha1" | "sha256";
}

/** The base config: the working tree's when the file is the same blob; a DiffError when it is invalid. */
async function baseConfigOf(input: BaseInput, tree: Map<string, TreeEntry>): Promise<ResolvedConfig | undefined> {
  const { repo, base, configPath, config, work, algorithm } = input;
  const entry = tree.get(topPath(repo.prefix, configPath));
  if (!entry) return undefined;
  if (work.configText && entry.blob === blobId(work.configText, algorithm)) return config;
  const text = (await readBlobs(repo.top, [entry.blob])).get(entry.blob)?.toString("utf8") ?? "";
  const checked = checkConfig(parseSource(configPath, text, { yaml: "1.2" }));
  if (!checked.config) {
    const first = checked.problems.find((p) => p.severity === "error");
    throw new DiffError("base-config", `${configPath} at ${base.rev} is invalid${first ? ` (${first.line}:${first.column} ${first.message})` : ""}; give another --base`);
  }
  return checked.config;
}

/**
 * The chart and values files of the base's layout in `tree`. A committed link's blob is the path it
 * points to, not values: such a model is refused (never rendered).
 */
function sideFiles(input: BaseInput, tree: Map<string, TreeEntry>, paths: SidePaths, side: BaseSide): void {
  const chartPrefix = `${topPath(input.repo.prefix, paths.chartDir)}/`;
  const valuesPrefix = `${topPath(input.repo.prefix, paths.valuesDir)}/`;
  const { refused } = input.work;
  for (const [p, e] of tree) {
    if (p.startsWith(chartPrefix) && !e.symlink) {
      const rel = posix.join(paths.chartDir, p.slice(chartPrefix.length));
      side.chart.set(rel, e.blob);
      side.blobs.set(rel, e);
    } else if (p.startsWith(valuesPrefix) && !p.slice(valuesPrefix.length).includes("/") && /\.ya?ml$/i.test(p)) {
      const rel = posix.join(paths.valuesDir, p.slice(valuesPrefix.length));
      // ls-tree lists `x.yaml` before `x.yml`: the conventional name wins, as in the work tree's listing.
      if (side.values.has(modelOf(rel))) continue;
      side.values.set(modelOf(rel), rel);
      side.blobs.set(rel, e);
      if (e.symlink && !refused.has(modelOf(rel))) refused.set(modelOf(rel), `is a symbolic link at ${input.base.rev}; diff renders only regular values files (io/outside-repository)`);
    }
  }
}

/**
 * The base side from `firstTree` (the `ls-tree` of the working tree's layout folders and config).
 * A base whose layout lies elsewhere is listed again; a base without a config has no layout.
 */
export async function readBaseSide(input: BaseInput, firstTree: Map<string, TreeEntry>): Promise<BaseSide> {
  const ownConfig = await baseConfigOf(input, firstTree);
  const head = input.work.paths;
  const paths = ownConfig ? layoutPaths(ownConfig) : head;
  let tree = firstTree;
  if (ownConfig && (paths.chartDir !== head.chartDir || paths.valuesDir !== head.valuesDir)) {
    tree = await listTree(input.repo.top, input.base.commit, [topPath(input.repo.prefix, paths.chartDir), topPath(input.repo.prefix, paths.valuesDir)]);
  }
  const side: BaseSide = { config: ownConfig ?? input.config, ownConfig, chartDir: paths.chartDir, chart: new Map(), values: new Map(), blobs: new Map() };
  if (ownConfig) sideFiles(input, tree, paths, side);
  return side;
}
