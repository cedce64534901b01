/**
 * The rule pages of one llmchart release: the `docs/rules/` its npm package ships (in
 * `dist/docs/rules/`), served for every published version, unchanged, by jsDelivr's npm mirror.
 * Derived from the package's own name and version, so a link never names a guessed organisation
 * or a path on the machine that ran llmchart, and never changes under a result once published.
 */
export function releaseDocsBaseUrl(version: string): string {
  return `https://cdn.jsdelivr.net/npm/llmchart@${encodeURIComponent(version)}/dist/docs/rules/`;
}

/**
 * The URL of a rule's page: `docs` is the page as rules name it, relative to llmchart's
 * repository (`docs/rules/threads-exceed-cpu-limit.md`, `docs/rules/config.md#unknown-rule`),
 * `base` the folder holding the rule pages (ends with `/`). An absolute `docs` is kept.
 */
export function ruleDocUrl(docs: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(docs)) return docs;
  return new URL(docs.replace(/^(\.\/)?docs\/rules\//, ""), base).href;
}
