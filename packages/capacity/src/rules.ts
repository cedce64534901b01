import type { RuleMeta } from "@llmchart/schema";

/** The rules `llmchart check` reports from a capacity plan, for SARIF `tool.driver.rules` and docs. */
export const capacityRules: readonly RuleMeta[] = [
  {
    id: "capacity/does-not-fit",
    description:
      "Every pod of the model (replicas and the rolling update's surge pod) fits on a node of a pool its nodeSelector, node affinity and tolerations allow, by its requests, where no required pod anti-affinity keeps it out.",
    defaultSeverity: "error",
    help: "Lower resources.requests, add nodes or a pool (capacity.nodePools), fix the nodeSelector/tolerations, or narrow a required pod anti-affinity to the release's own pods; `llmchart capacity` shows the plan.",
    docs: "docs/capacity.md",
  },
  {
    id: "capacity/overcommit",
    description: "The limits of the pods placed on one node add up to no more than its allocatable CPU and memory (a rollout's surge pod counts as \"during a rollout\", once per node and model).",
    defaultSeverity: "warning",
    help: "Above allocatable, busy models throttle each other's CPU and the node may OOM-kill or evict pods; set requests equal to limits, or spread the models over more nodes.",
    docs: "docs/capacity.md",
  },
];
