import { chartAfterRender, renderPending, type RenderPending } from "@llmchart/diff";
import type { ResolvedConfig } from "@llmchart/schema";
import { OUTSIDE_REPOSITORY_MESSAGE } from "@llmchart/schema/repository";
import { modelOf } from "@llmchart/sync";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { blobId } from "../git.js";
import { listValuesFiles } from "../values-files.js";
import type { DiffOptions, Side, SidePaths } from "./options.js";

/** The working tree's side of a diff, read from disk (or as render will produce it). */
export interface WorkTree {
  paths: SidePaths;
  /** cwd-relative chart path → content. */
  chartFiles: Map<string, Buffer>;
  /** The chart folder helm renders the working tree with (a temporary copy when render has not run). */
  chartAbs: string;
  pending: RenderPending | undefined;
  /** The config file's bytes, when it could be read. */
  configText: Buffer | undefined;
  /** model → cwd-relative values file. */
  values: Map<string, string>;
  /** model → values file content, for the models that may be read. */
  valuesBytes: Map<string, Buffer>;
  /** model → values blob id ("" for a refused file); filled by `workTreeSide`. */
  valuesBlob: Map<string, string>;
  /** Values files never read, with why: a link out of the repository on either side. */
  refused: Map<string, string>;
}

function walkFiles(abs: string, rel: string, out: Map<string, Buffer>): void {
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return;
  }
  for (const e of entries) {
    const a = join(abs, e);
    const r = posix.join(rel, e);
    const st = statSync(a, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walkFiles(a, r, out);
    else if (st.isFile()) out.set(r, readFileSync(a));
  }
}

/** Writes files (`rel` → content, relative to `relTo`) into a new temporary folder; returns it. */
function materialise(files: ReadonlyMap<string, Buffer>, relTo: string, temps: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-diff-chart-"));
  temps.push(dir);
  for (const [rel, content] of files) {
    const abs = join(dir, posix.relative(relTo, rel));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

function readConfigText(cwd: string, configPath: string): Buffer | undefined {
  try {
    return readFileSync(join(cwd, configPath));
  } catch {
    // The caller resolved the config some other way; the base config is then always parsed.
    return undefined;
  }
}

/**
 * The values files of the working tree, by model, with their text. A link that leads out of the
 * repository is listed (the model is still named in the diff) but refused unread.
 */
function readValues(cwd: string, valuesDir: string): Pick<WorkTree, "values" | "valuesBytes" | "refused"> {
  const listing = listValuesFiles(cwd, valuesDir);
  const values = new Map<string, string>();
  const valuesBytes = new Map<string, Buffer>();
  const refused = new Map<string, string>();
  for (const problem of listing.problems) {
    if (problem.ruleId !== "io/outside-repository") continue;
    values.set(modelOf(problem.file), problem.file);
    refused.set(modelOf(problem.file), `${OUTSIDE_REPOSITORY_MESSAGE} (io/outside-repository)`);
  }
  for (const file of listing.files) {
    values.set(modelOf(file), file);
    valuesBytes.set(modelOf(file), readFileSync(join(cwd, file)));
  }
  return { values, valuesBytes, refused };
}

/**
 * Reads the working tree's chart, config and values files. A config or chart change render has
 * not applied: the working tree's side is what render will produce, in a temporary folder.
 */
export function readWorkTree(options: DiffOptions, paths: SidePaths, configPath: string, temps: string[]): WorkTree {
  const { cwd } = options;
  let chartFiles = new Map<string, Buffer>();
  walkFiles(join(cwd, paths.chartDir), paths.chartDir, chartFiles);
  const pending = options.rendered ? renderPending(options.rendered, paths, configPath) : undefined;
  let chartAbs = join(cwd, paths.chartDir);
  if (pending?.chart.length && options.rendered) {
    chartFiles = chartAfterRender(options.rendered, chartFiles);
    chartAbs = materialise(chartFiles, paths.chartDir, temps);
  }
  return { paths, chartFiles, chartAbs, pending, configText: readConfigText(cwd, configPath), valuesBlob: new Map(), ...readValues(cwd, paths.valuesDir) };
}

/** The working tree as a side, hashed as git would (`algorithm` of the repository), so unchanged files are never read from git. */
export function workTreeSide(work: WorkTree, config: ResolvedConfig, algorithm: "sha1" | "sha256"): Side {
  for (const model of work.values.keys()) {
    const bytes = work.valuesBytes.get(model);
    work.valuesBlob.set(model, bytes === undefined ? "" : blobId(bytes, algorithm));
  }
  return {
    config,
    chartDir: work.paths.chartDir,
    chart: new Map([...work.chartFiles].map(([p, b]) => [p, blobId(b, algorithm)])),
    values: work.values,
  };
}
