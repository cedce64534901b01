import type { Problem } from "@llmchart/schema";
import { locate, nodeRange } from "@llmchart/schema";
import type { Project } from "./project.js";

/**
 * Whether a repository URL is a placeholder Argo CD cannot sync from: the URL llmchart's own
 * example config ships, or any host under the reserved example domains (RFC 2606) or an
 * `example`/`your-org`-style owner.
 */
export function isPlaceholderRepoUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (!u) return false;
  const host = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)/.exec(u)?.[1] ?? "";
  if (/(^|\.)example\.(com|org|net)$|(^|\.)example$|\.invalid$|\.test$|^localhost$/.test(host)) return true;
  return /[/:](example|your-org|your-user|yourorg|your-name|my-org)\/[^/]+?(\.git)?\/?$/.test(u) && /github\.com|gitlab\.com|bitbucket\.org/.test(host);
}

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
