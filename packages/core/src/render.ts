import type { Problem, RuleMeta } from "@llmchart/schema";
import type { Project } from "./project.js";
import { projectRenderCommand } from "./render-command.js";
import { describeReplacement } from "./semantic.js";
import { listValuesFiles } from "./values-files.js";
import { writeGeneratedFiles, type Drift, type FileToWrite } from "./write-files.js";

/** What one generator contributes: its files and the directories it owns completely. */
export interface GeneratorOutput {
  files: FileToWrite[];
  owned: string[];
  /** Problems the generator found in its inputs (errors stop the write). */
  problems?: Problem[];
}

/** A generator render runs: a pure function of the project (it may list the values folder). */
export interface RenderGenerator {
  id: string;
  generate(project: Project, valuesFiles: readonly string[]): GeneratorOutput | Promise<GeneratorOutput>;
}

/** Everything the generators produced together. */
export interface GeneratedSet {
  files: FileToWrite[];
  owned: string[];
  problems: Problem[];
  /** The usable values files the Applications were generated for. */
  valuesFiles: string[];
}

/**
 * The generators, loaded on demand: the chart, then one Argo CD Application per values file. Their
 * headers name the command that regenerates them in the project's repository (projectRenderCommand).
 */
export async function loadGenerators(): Promise<RenderGenerator[]> {
  const [chart, sync] = await Promise.all([import("@llmchart/chart"), import("@llmchart/sync")]);
  return [
    {
      id: "chart",
      generate: (project) => ({ files: chart.renderChart(project.config, { renderCommand: projectRenderCommand(project) }), owned: [project.layout.chartDir] }),
    },
    {
      id: "applications",
      generate: (project, valuesFiles) => {
        const { files, problems } = sync.renderApplications(project.config, valuesFiles, project.configSource, { renderCommand: projectRenderCommand(project) });
        return { files, owned: [project.layout.applicationsDir], problems };
      },
    },
  ];
}

/**
 * Runs every generator and collects their files, owned folders and problems, with the layout's
 * unusable values files (a second file for one model, a dangling link) as problems of their own.
 */
export async function runGenerators(project: Project): Promise<GeneratedSet> {
  const listing = listValuesFiles(project.root, project.layout.valuesDir);
  const out: GeneratedSet = { files: [], owned: [], problems: [...listing.problems], valuesFiles: listing.files };
  for (const generator of await loadGenerators()) {
    const result = await generator.generate(project, listing.files);
    out.files.push(...result.files);
    out.owned.push(...result.owned);
    out.problems.push(...(result.problems ?? []));
  }
  return out;
}

/** The ids render reports drift and refusals under (driftProblem, handWrittenProblem). */
export const renderRules: readonly RuleMeta[] = [
  { id: "render/missing", description: "A generated file is missing; `llmchart render` writes it.", defaultSeverity: "error" },
  { id: "render/changed", description: "A generated file was edited or is out of date; `llmchart render` restores it.", defaultSeverity: "error" },
  { id: "render/stale", description: "A generated file is no longer produced; `llmchart render` deletes it.", defaultSeverity: "error" },
  { id: "render/hand-written", description: "A file without the generated header sits where render writes (or in a generated folder); render never overwrites or deletes it — `llmchart init` or `render --adopt` takes it over.", defaultSeverity: "error" },
];

/** A drifted file as a problem (what `render --check` and `check` report). */
export function driftProblem(d: Drift): Problem {
  const message =
    d.kind === "missing"
      ? "generated file is missing; run `llmchart render` to write it"
      : d.kind === "changed"
        ? `generated file differs from what render produces, from line ${d.line ?? 1}; run \`llmchart render\` to restore it`
        : "generated file is no longer produced; run `llmchart render` to delete it";
  const line = d.line ?? 1;
  return { ruleId: `render/${d.kind}`, severity: "error", message, file: d.path, line, column: 1, endLine: line, endColumn: 1, path: "" };
}

/** A hand-written file where render writes, or in a generated folder, as a problem. */
export function handWrittenProblem(path: string, generatedPath: boolean): Problem {
  const message = generatedPath
    ? "hand-written file (no generated header) where render would write: left as it is — take it over with `llmchart render --adopt " + path + "` (shows what changes first) or move it away"
    : "file in a generated folder has no generated header; render never deletes it — move it out or delete it";
  return { ruleId: "render/hand-written", severity: "error", message, file: path, line: 1, column: 1, endLine: 1, endColumn: 1, path: "" };
}

/** Problems of single values files that leave them out of the render; the other models are still rendered. */
const LISTING_RULES = new Set(["layout/duplicate-model", "io/unreadable", "io/outside-repository"]);

export interface RenderLayoutOptions {
  project: Project;
  /** Write nothing: report drift. */
  check?: boolean;
  /**
   * Hand-written files (root-relative) render may replace with the generated version, or "all"
   * for every one at a generated path (what `llmchart init` does). Each is listed in `adopted`
   * with what changes in it.
   */
  adopt?: readonly string[] | "all";
}

export interface AdoptedFile {
  path: string;
  /** What replacing it changes, semantically (fields for YAML data). */
  changes: string[];
}

export interface RenderLayoutResult {
  /** Generator problems, drift (with `check`), hand-written files. */
  problems: Problem[];
  drift: Drift[];
  unchanged: string[];
  handWritten: string[];
  adopted: AdoptedFile[];
  /** How many files the generators produce. */
  files: number;
  /** Whether anything was written (false with `check` or when generator errors stopped it). */
  wrote: boolean;
}

/**
 * Regenerates the chart and the Applications (or, with `check`, compares them). Files already up
 * to date are not touched, stale generated files are deleted, and a file without the generated
 * header is never overwritten or deleted unless it is adopted explicitly.
 */
export async function renderLayout(options: RenderLayoutOptions): Promise<RenderLayoutResult> {
  const { project, check = false } = options;
  const generated = await runGenerators(project);
  const problems = [...generated.problems];
  const empty: RenderLayoutResult = { problems, drift: [], unchanged: [], handWritten: [], adopted: [], files: generated.files.length, wrote: false };
  if (problems.some((p) => p.severity === "error" && !LISTING_RULES.has(p.ruleId))) return empty;
  const generatedPaths = new Set(generated.files.map((f) => f.path));
  const adopt = options.adopt === "all" ? generatedPaths : new Set((options.adopt ?? []).map((p) => p.replace(/^\.\//, "")));
  const result = writeGeneratedFiles(generated.files, { root: project.root, owned: generated.owned, check, adopt });
  if (check) problems.push(...result.drift.map(driftProblem));
  problems.push(...result.handWritten.map((p) => handWrittenProblem(p, generatedPaths.has(p))));
  return {
    problems,
    drift: result.drift,
    unchanged: result.unchanged,
    handWritten: result.handWritten,
    adopted: result.adopted.map((a) => ({ path: a.path, changes: describeReplacement(a.path, a.before, a.after) })),
    files: generated.files.length,
    wrote: !check,
  };
}
