import { CONFIG_FILE, generatedHeader, locate, nodeRange, problemAt, type GenerateOptions, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { posix } from "node:path";
import { Document } from "yaml";
import { applicationFor, argoSettings, layoutPaths, modelOf } from "./application.js";
import { modelNameError } from "./model-name.js";

import type { GeneratedFile } from "@llmchart/schema";

export type { GeneratedFile };

export interface ApplicationsResult {
  files: GeneratedFile[];
  problems: Problem[];
}

/** A problem about the config file, at the node of `segments` when the parsed config is at hand. */
function configProblem(source: SourceFile | undefined, segments: string[], fields: Pick<Problem, "ruleId" | "severity" | "message" | "path">): Problem {
  if (!source) return { ...fields, file: CONFIG_FILE, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const loc = locate(source.doc, segments);
  return problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), fields);
}

/**
 * `layout/model-name` for a values file whose name cannot be a model name (`modelNameError`), at
 * its line 1; undefined when it can. The one check behind render, check, lint and the editor.
 */
export function modelNameProblem(config: ResolvedConfig, valuesFile: string): Problem | undefined {
  const error = modelNameError(modelOf(valuesFile), argoSettings(config).releasePrefix, config.chart.name);
  if (!error) return undefined;
  return { ruleId: "layout/model-name", severity: "error", message: error, file: valuesFile, line: 1, column: 1, endLine: 1, endColumn: 1, path: "" };
}

/**
 * One Argo CD Application per values file, as YAML built from data with the `yaml` library,
 * headed by the marker naming `options.renderCommand`. Pure: returns contents; the caller
 * writes them. Model names that cannot become Kubernetes names are problems (at the values
 * file), not files.
 */
export function renderApplications(
  config: ResolvedConfig,
  valuesFiles: readonly string[],
  configSource?: SourceFile,
  options: GenerateOptions = {},
): ApplicationsResult {
  const settings = argoSettings(config);
  const { applicationsDir } = layoutPaths(config);
  const files: GeneratedFile[] = [];
  const problems: Problem[] = [];
  const models = new Set<string>();
  for (const valuesFile of [...valuesFiles].sort()) {
    const model = modelOf(valuesFile);
    const problem = modelNameProblem(config, valuesFile);
    if (problem) {
      problems.push(problem);
      continue;
    }
    models.add(model);
    if (!settings.repoURL) continue;
    // YAML 1.1 quoting, as Argo CD (go-yaml) reads it: a model named `no` stays the string "no", not false.
    const doc = new Document(applicationFor(model, valuesFile, config, settings), { version: "1.1" });
    doc.commentBefore = ` ${generatedHeader(valuesFile, options.renderCommand)}\n Argo CD Application of model "${model}"; change llmchart.config.yaml (argocd) instead.`;
    files.push({ path: posix.join(applicationsDir, `${settings.releasePrefix}${model}.yaml`), content: doc.toString({ lineWidth: 0 }) });
  }
  if (!settings.repoURL && valuesFiles.length) {
    problems.push(
      configProblem(configSource, ["argocd"], {
        ruleId: "config/argocd-repo-url",
        severity: "error",
        message: "argocd.repoURL is not set: the Argo CD Applications need the Git URL of this repository",
        path: "argocd.repoURL",
      }),
    );
  }
  for (const name of Object.keys(settings.models)) {
    if (models.has(name)) continue;
    problems.push(
      configProblem(configSource, ["argocd", "models", name], {
        ruleId: "config/unknown-model",
        severity: "warning",
        message: `argocd.models.${name} overrides a model that has no values file (${layoutPaths(config).valuesDir}/${name}.yaml)`,
        path: `argocd.models.${name}`,
      }),
    );
  }
  return { files, problems };
}
