import type { RuleMeta } from "@llmchart/schema";

/**
 * Rules about llmchart.config.yaml itself: what the config module's check (check.ts) reports —
 * the schema's own config checks and the cross-field ones — and what the Applications generator
 * finds about the config (`config/argocd-repo-url`, `config/unknown-model`).
 */
export const configRules: readonly RuleMeta[] = [
  { id: "config/layout-path", description: "A layout path in the config leads outside the repository.", defaultSeverity: "error" },
  { id: "config/unknown-rule", description: "`rules:` names a rule id that does not exist (or one that cannot be configured).", defaultSeverity: "error" },
  { id: "config/unknown-model", description: "A per-model override in the config names a model that has no values file.", defaultSeverity: "error" },
  { id: "config/argocd-repo-url", description: "argocd.repoURL is not set, so the Applications have no source.", defaultSeverity: "error" },
  { id: "config/defaults", description: "A chart-wide default under `defaults:` is refused by the values schema (Helm would refuse the chart's values.yaml).", defaultSeverity: "error" },
  { id: "config/node-pool", description: "A node pool under capacity.nodePools is named twice or reserves everything it has.", defaultSeverity: "error" },
  { id: "config/placeholder-repo-url", description: "argocd.repoURL is a placeholder (example.com, example.git …) that Argo CD cannot sync from.", defaultSeverity: "warning" },
];
