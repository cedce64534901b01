import { buildOfImage, DATA_RANGE } from "@llmchart/policy";
import { locate, parseSource, type Problem, type SourceFile } from "@llmchart/schema";
import { resolve } from "node:path";
import { InputError, InputErrors, UsageError } from "./errors.js";
import { displayPath } from "./files.js";
import { lintDocuments } from "./lint.js";
import { chartDefaultsData } from "./lint/policy-stage.js";
import type { Project } from "./project.js";
import { applyEdits, setMapScalar, type TextEdit } from "./upgrade/edits.js";
import { lintFindings } from "./upgrade/lint-net.js";
import { planFile, sortFindings, type ConfigPin, type FilePlan, type PlanContext } from "./upgrade/plan.js";
import { tagFor } from "./upgrade/target.js";
import type { UpgradeResult } from "./upgrade/types.js";
import { writeAllOrNothing, type Rewrite } from "./upgrade/write.js";
import { fileProblem, listValuesFiles, readValuesTexts } from "./values-files.js";

export { parseBuildArgument, tagFor } from "./upgrade/target.js";
export { planFile, type FilePlan, type PlanContext, type PlanOptions } from "./upgrade/plan.js";
export type * from "./upgrade/types.js";

export interface UpgradeLayoutOptions {
  project: Project;
  /** The build to move to (`parseBuildArgument("server-b10900")` → 10900). */
  to: number;
  /** Values files (relative to `project.cwd`, or absolute); default every values file of the layout. */
  files?: readonly string[];
  /** Apply the safe rewrites and bump the tag, in the values files or the config. */
  write?: boolean;
}

/** The target as the result shows it; a build before the data is a usage error (nothing to judge it by). */
function targetOf(project: Project, build: number): UpgradeResult["target"] {
  const server = project.config.images.server;
  const tag = tagFor(server.tag, build);
  const b = buildOfImage({ repository: server.repository, tag }, server);
  const newest = DATA_RANGE.last;
  if (b.status === "older-than-data") throw new UsageError(`b${build} is older than the flag data (it starts at ${b.label}): upgrade cannot judge it`);
  return { build, tag, status: b.status, label: b.label, newestInData: newest, secondHand: build > newest };
}

function valuesPaths(project: Project, files: readonly string[] | undefined): { paths: string[]; problems: Problem[] } {
  if (files?.length) return { paths: files.map((f) => displayPath(project.root, resolve(project.cwd, f))), problems: [] };
  const listing = listValuesFiles(project.root, project.layout.valuesDir);
  return { paths: listing.files, problems: listing.problems };
}

function yamlError(source: SourceFile): Problem | undefined {
  const e = source.doc.errors[0];
  if (!e) return undefined;
  const pos = source.lineCounter.linePos(e.pos[0]);
  return { ...fileProblem(source.path, "yaml/syntax", "error", `cannot upgrade a file with YAML errors (${e.message.split("\n")[0]})`), line: pos.line, column: pos.col, endLine: pos.line, endColumn: pos.col };
}

function configPinOf(project: Project): ConfigPin {
  const found = locate(project.configSource.doc, ["images", "server", "tag"]);
  const pos = project.configSource.lineCounter.linePos(found.node?.range?.[0] ?? 0);
  return { file: project.configFile, line: found.node ? pos.line : 1, column: found.node ? pos.col : 1 };
}

/**
 * The config with the server pin moved to `tag` (and `chart.appVersion`, when it names the old
 * build as the default config does), or undefined when the config cannot be edited that way.
 */
function configBump(project: Project, tag: string, build: number): string | undefined {
  let source = project.configSource;
  const server = project.config.images.server;
  // A config that does not name the image yet gets the repository too (the schema requires both).
  if (!locate(source.doc, ["images", "server"]).node) {
    const repository = setMapScalar(source, ["images", "server", "repository"], server.repository);
    if (!repository) return undefined;
    source = parseSource(source.path, applyEdits(source.text, [repository]), { yaml: "1.2" });
  }
  const edits: TextEdit[] = [];
  const tagEdit = setMapScalar(source, ["images", "server", "tag"], tag);
  if (!tagEdit) return undefined;
  edits.push(tagEdit);
  const oldBuild = /-b([0-9]+)$/.exec(server.tag)?.[1];
  if (oldBuild && project.config.chart.appVersion === `b${oldBuild}` && locate(source.doc, ["chart", "appVersion"]).node) {
    const app = setMapScalar(source, ["chart", "appVersion"], `b${build}`);
    if (app) edits.push(app);
  }
  return applyEdits(source.text, edits);
}

async function addLintFindings(project: Project, texts: ReadonlyMap<string, string>, plans: readonly FilePlan[]): Promise<void> {
  const judged = plans.filter((p) => p.lintText !== undefined);
  if (!judged.length) return;
  const before = (await lintDocuments(project, judged.map((p) => ({ path: p.result.file, text: texts.get(p.result.file)! })))).problems;
  const after = (await lintDocuments(project, judged.map((p) => ({ path: p.result.file, text: p.lintText! })))).problems;
  for (const p of judged) {
    const of = (list: readonly Problem[]) => list.filter((x) => x.file === p.result.file);
    p.result.findings.push(...lintFindings(p.result.file, texts.get(p.result.file)!, p.lintText!, of(before), of(after), p.result.findings));
    sortFindings(p.result.findings);
  }
}

function readPlans(project: Project, options: UpgradeLayoutOptions, ctx: PlanContext): { plans: FilePlan[]; texts: Map<string, string>; problems: Problem[] } {
  const { paths, problems } = valuesPaths(project, options.files);
  const read = readValuesTexts(project.root, paths);
  if (options.files?.length && read.problems.length) throw new InputErrors(read.problems.map((p) => new InputError(p.file, p.message)));
  problems.push(...read.problems);
  const plans: FilePlan[] = [];
  const texts = new Map<string, string>();
  const configPin = configPinOf(project);
  for (const f of read.files) {
    const source = parseSource(f.path, f.text);
    const broken = yamlError(source);
    if (broken) {
      problems.push(broken);
      continue;
    }
    texts.set(f.path, f.text);
    plans.push(planFile(source, ctx, options.to, { configPin }));
  }
  return { plans, texts, problems };
}

/**
 * What moving the server image to build `to` does to every values file (or those given): flags
 * and variables the target rejects or deprecates, values it reads differently, defaults that
 * change and what they do to memory and behaviour, and what the lint of the upgraded file says
 * beyond that. With `write`, the safe rewrites are applied and the tag is bumped — in the values
 * file when it pins one, else the config's `images.server.tag` (render must run then) — every
 * file checked before the first is written. Without it nothing is written.
 */
export async function upgradeLayout(options: UpgradeLayoutOptions): Promise<UpgradeResult> {
  const { project } = options;
  const target = targetOf(project, options.to);
  const ctx: PlanContext = { config: project.config, chartDefaults: chartDefaultsData(project).data };
  const { plans, texts, problems } = readPlans(project, options, ctx);
  await addLintFindings(project, texts, plans);

  const usesConfig = plans.some((p) => p.result.tag.where === "config");
  const configTag = tagFor(project.config.images.server.tag, options.to);
  const configText = usesConfig && configTag !== project.config.images.server.tag ? configBump(project, configTag, options.to) : undefined;
  if (usesConfig && configTag !== project.config.images.server.tag && configText === undefined) {
    problems.push(fileProblem(project.configFile, "config/unwritable", "error", "images.server is not a block mapping upgrade can edit: bump images.server.tag by hand"));
  }
  const write = options.write === true;
  const rewrites: Rewrite[] = plans.filter((p) => p.text !== texts.get(p.result.file)).map((p) => ({ path: p.result.file, text: p.text }));
  if (configText !== undefined) rewrites.push({ path: project.configFile, text: configText });
  if (write && rewrites.length) writeAllOrNothing(project.root, rewrites);

  for (const p of plans) {
    for (const f of p.result.findings) if (write && f.rewrite) f.fixed = true;
    p.result.breaks = p.result.findings.some((f) => f.severity === "error" && !f.fixed);
    p.result.written = write && rewrites.some((r) => r.path === p.result.file);
  }
  return {
    target,
    files: plans.map((p) => p.result),
    ...(usesConfig ? { config: { file: project.configFile, before: project.config.images.server.tag, after: configTag, written: write && configText !== undefined } } : {}),
    wrote: write && rewrites.length > 0,
    renderNeeded: write && configText !== undefined,
    problems,
  };
}
