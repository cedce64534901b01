// The lint pipeline of `llmchart lint`, driven from in-memory text. Temporary: once
// `@llmchart/core` exports `loadProject`/`lintDocuments`, this file becomes a re-export of them.
// Until then it composes the same public functions the CLI's lint stages call (the CLI does not
// export its stages, and importing the CLI here would make a dependency cycle once the CLI
// starts this server).
import { lintPolicy, policyRules, rules as policyRuleList } from "@llmchart/policy";
import {
  CONFIG_FILE,
  checkConfig,
  checkValues,
  compareProblems,
  defaultConfig,
  didYouMean,
  locate,
  nodeRange,
  parseSource,
  problemAt,
  schemaRules,
  toData,
  yamlProblems,
  type Problem,
  type ResolvedConfig,
  type SourceFile,
} from "@llmchart/schema";
import { existsSync, readFileSync } from "node:fs";
import { basename, join, posix } from "node:path";
import type { LintBackend, LintDocument, LintOutput } from "./backend.js";

/** A project as this pipeline loads it: the config and chart defaults read once from disk. */
export interface PipelineProject {
  cwd: string;
  config: ResolvedConfig;
  chartDefaults: Record<string, unknown> | undefined;
  chartDefaultsLabel: string;
}

/** One unusable input, in the shape of the CLI's `InputError` (`file` is `path:line:col`). */
export class ProjectError extends Error {
  constructor(readonly errors: { file: string; message: string }[]) {
    super(errors.map((e) => `${e.file}: ${e.message}`).join("\n"));
  }
}

function configProblems(source: SourceFile): { problems: Problem[]; config: ResolvedConfig | undefined } {
  const checked = checkConfig(source);
  const problems = [...checked.problems];
  if (checked.config) {
    // As the CLI's config load: a typo in `rules:` would silently leave a rule at its default.
    const known = policyRuleList.map((r) => r.id);
    for (const id of Object.keys(checked.config.rules).filter((k) => !known.includes(k))) {
      const loc = locate(source.doc, ["rules", id]);
      const hint = didYouMean(id, known);
      const why = /^(schema|yaml)\//.test(id)
        ? "schema and YAML problems cannot be configured (Helm rejects those values itself)"
        : `unknown rule${hint ? ` — did you mean "${hint}"?` : " (see docs/rules/README.md)"}`;
      problems.push(problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), { ruleId: "config/unknown-rule", severity: "error", message: `rules.${id}: ${why}`, path: `rules.${id}` }));
    }
  }
  return { problems, config: problems.some((p) => p.severity === "error") ? undefined : checked.config };
}

function loadProject({ cwd, configPath = CONFIG_FILE }: { cwd: string; configPath?: string }): PipelineProject {
  let config = defaultConfig;
  if (existsSync(join(cwd, configPath))) {
    const source = parseSource(configPath, readFileSync(join(cwd, configPath), "utf8"), { yaml: "1.2" });
    const checked = configProblems(source);
    if (!checked.config) {
      throw new ProjectError(
        checked.problems.filter((p) => p.severity === "error").map((p) => ({ file: `${p.file}:${p.line}:${p.column}`, message: p.message })),
      );
    }
    config = checked.config;
  }
  const rel = posix.join(config.layout.root, config.layout.chartDir, "values.yaml");
  if (!existsSync(join(cwd, rel))) return { cwd, config, chartDefaults: undefined, chartDefaultsLabel: `the values schema's default; ${rel} not found` };
  const chart = parseSource(rel, readFileSync(join(cwd, rel), "utf8"));
  const errors = yamlProblems(chart).filter((p) => p.severity === "error");
  if (errors.length) throw new ProjectError(errors.map((p) => ({ file: `${p.file}:${p.line}:${p.column}`, message: `chart defaults: ${p.message}` })));
  const read = toData(chart);
  const data = read.ok && read.data && typeof read.data === "object" && !Array.isArray(read.data) ? (read.data as Record<string, unknown>) : {};
  return { cwd, config, chartDefaults: data, chartDefaultsLabel: rel };
}

async function lint(project: PipelineProject, docs: LintDocument[]): Promise<LintOutput> {
  const problems: Problem[] = [];
  const values: SourceFile[] = [];
  for (const doc of docs) {
    if (basename(doc.path) === CONFIG_FILE) problems.push(...configProblems(parseSource(doc.path, doc.text, { yaml: "1.2" })).problems);
    else values.push(parseSource(doc.path, doc.text));
  }
  const inputs = values.map((source) => ({ source, checked: checkValues(source) }));
  problems.push(...inputs.flatMap((i) => i.checked.problems));
  problems.push(
    ...lintPolicy(inputs, {
      config: project.config,
      ...(project.chartDefaults ? { chartDefaults: project.chartDefaults } : {}),
      chartDefaultsLabel: project.chartDefaultsLabel,
    }),
  );
  return { problems: problems.sort(compareProblems), rules: [...schemaRules, ...policyRules] };
}

/** The CLI's lint pipeline (schema + policy + config severities + disable comments) as a server backend. */
export const pipelineBackend: LintBackend<PipelineProject> = {
  loadProject,
  lint,
  context: (p) => ({ config: p.config, chartDefaults: p.chartDefaults }),
};
