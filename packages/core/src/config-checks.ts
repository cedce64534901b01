import { isPlaceholderRepoUrl } from "@llmchart/init";
import { excerpt, locate, MAX_NAME_EXCERPT, nodeRange, problemAt, type Problem } from "@llmchart/schema";
import type { Project } from "./project.js";

/** Warnings about a config that is valid but cannot work in a cluster (a placeholder repoURL). */
export function configWarnings(project: Project): Problem[] {
  const url = project.config.argocd.repoURL;
  if (typeof url !== "string" || !isPlaceholderRepoUrl(url)) return [];
  const source = project.configSource;
  const loc = locate(source.doc, ["argocd", "repoURL"]);
  return [
    problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), {
      ruleId: "config/placeholder-repo-url",
      severity: "warning",
      message: `argocd.repoURL ${excerpt(url, undefined, MAX_NAME_EXCERPT)} is a placeholder: Argo CD cannot sync from it — set the Git URL of this repository (llmchart init takes it from your Applications or the origin remote)`,
      path: "argocd.repoURL",
    }),
  ];
}
