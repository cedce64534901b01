/** The repoURL llmchart's own example config ships with. */
export const SHIPPED_PLACEHOLDER_REPO_URL = "https://github.com/example/llm-gitops.git";

/** Hosts reserved for documentation (RFC 2606 / RFC 6761): nothing real is ever served there. */
const RESERVED_HOST = /(^|\.)(example\.(com|org|net)|example|invalid|test|localhost)$/i;

/** Owners and repository names copied from examples: github.com/example/…, your-org/your-repo, <owner>. */
const EXAMPLE_SEGMENT = /^(example|examples|your[-_]?(org|organi[sz]ation|user|username|name|repo|repository|company|project)|<[^>]*>|\{[^}]*\}|changeme|todo|xxx+)$/i;

function hostAndPath(url: string): { host: string; path: string } | undefined {
  const trimmed = url.trim();
  // scp-like: git@host:owner/repo.git
  const scp = /^[^@/\s]+@([^:/\s]+):(.*)$/.exec(trimmed);
  if (scp) return { host: scp[1]!, path: scp[2]! };
  try {
    const u = new URL(trimmed);
    return { host: u.hostname, path: u.pathname };
  } catch {
    return undefined;
  }
}

/**
 * Whether a Git URL is an example rather than a repository Argo CD could clone: the URL
 * llmchart ships, a reserved documentation host (example.com, example.org, *.example, *.test,
 * *.invalid), or an owner/repository segment such as `example`, `example.git`, `your-org`,
 * `<repo>`. An empty or unparsable URL counts as a placeholder too.
 */
export function isPlaceholderRepoUrl(url: string): boolean {
  if (!url || !url.trim()) return true;
  if (url.trim() === SHIPPED_PLACEHOLDER_REPO_URL) return true;
  const parts = hostAndPath(url);
  if (!parts) return true;
  if (RESERVED_HOST.test(parts.host)) return true;
  const segments = parts.path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .map((s) => s.replace(/\.git$/i, ""));
  return segments.some((s) => EXAMPLE_SEGMENT.test(s));
}
