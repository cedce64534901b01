// The lint pipeline of `llmchart lint`, from the editor's buffers: @llmchart/core's project load
// and lintDocuments, so the editor and the CLI cannot disagree.
import { allRules, chartDefaultsData, configDocumentProblems, findConfig, lintDocuments, loadProject, ruleDocsBaseUrl, type Project } from "@llmchart/core";
import { CONFIG_FILE, compareProblems, parseSource, type Problem } from "@llmchart/schema";
import { basename } from "node:path";
import type { LintBackend, LintDocument, LintOutput } from "./backend.js";

async function lint(project: Project, docs: LintDocument[]): Promise<LintOutput> {
  const problems: Problem[] = [];
  const values: LintDocument[] = [];
  for (const doc of docs) {
    if (basename(doc.path) === CONFIG_FILE) problems.push(...configDocumentProblems(parseSource(doc.path, doc.text, { yaml: "1.2" })));
    else values.push(doc);
  }
  // Buffer by buffer: no "once per run" facts (the config's pin newer than the flag data) on each; the hover on image says the build.
  if (values.length) problems.push(...(await lintDocuments(project, values, { runFacts: false })).problems);
  return { problems: problems.sort(compareProblems), rules: [...allRules()] };
}

/** The CLI's lint pipeline (schema + policy + config severities + disable comments) as a server backend. */
export const coreBackend: LintBackend<Project> = {
  loadProject: (options) => loadProject(options),
  findConfig,
  lint,
  context: (p) => ({ config: p.config, valuesDir: p.layout.valuesDir, chartDefaults: chartDefaultsData(p).data, docsBaseUrl: ruleDocsBaseUrl(p.config.docs?.baseUrl), modelLock: p.modelLock() }),
  defaultDocsBaseUrl: ruleDocsBaseUrl(),
};
