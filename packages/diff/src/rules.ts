import type { RuleMeta } from "@llmchart/schema";

export const IMMUTABLE_RULE_ID = "diff/immutable-field";

/** For SARIF `tool.driver.rules` and the docs. */
export const diffRules: readonly RuleMeta[] = [
  {
    id: IMMUTABLE_RULE_ID,
    description: "The change alters a field Kubernetes refuses to change in place (a Deployment selector, a Service cluster IP, a PVC's class, access modes or a smaller size): the Argo CD sync would fail.",
    defaultSeverity: "error",
  },
];

/** The risks a diff names: ids for `--fail-on` and the JSON output. */
export type RiskId = "immutable-field" | "pod-restart" | "downtime" | "endpoint-change" | "volume-loss" | "scheduling-change" | "server-build";

export const RISK_IDS: readonly RiskId[] = ["immutable-field", "pod-restart", "downtime", "endpoint-change", "volume-loss", "scheduling-change", "server-build"];
