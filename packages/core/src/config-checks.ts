import { isPlaceholderRepoUrl } from "@llmchart/init";
import type { Problem } from "@llmchart/schema";
import { locate, nodeRange } from "@llmchart/schema";
import type { Project } from "./project.js";

/** Warnings about a config that is valid but cannot work in a cluster (a placeholder repoURL). */
export function configWarnings(project: Project): Problem[] {
  const url = project.config.argocd.repoURL;
  if (typeof url !== "string" || !isPlaceholderRepoUrl(url)) return [];
  const source = project.configSource;
  const loc = locate(source.doc, ["argocd", "repoURL"]);
  const range = nodeRange(loc.node ?? loc.keyNode ?? loc.nearest);
  const start = range ? source.lineCounter.linePos(range[0]) : { line: 1, col: 1 };
  const end = range ? source.lineCounter.linePos(range[1]) : start;
  return [
    {
      ruleId: "config/placeholder-repo-url",
      severity: "warning",
      message: `argocd.repoURL "${url}" is a placeholder: Argo CD cannot sync from it — set the Git URL of this repository (llmchart init takes it from your Applications or the origin remote)`,
      file: source.path,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      path: "argocd.repoURL",
    },
  ];
}
