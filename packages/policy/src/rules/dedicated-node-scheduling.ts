import { defineRule } from "../define-rule.js";

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** Labels every node carries (arch, OS, zone): selecting on them does not mean "a dedicated node". */
const WELL_KNOWN = /^(kubernetes\.io|node\.kubernetes\.io|topology\.kubernetes\.io|beta\.kubernetes\.io|node-role\.kubernetes\.io)\//;

function requiredNodeAffinity(affinity: unknown): boolean {
  const terms = (affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) && terms.length > 0;
}

export default defineRule({
  id: "dedicated-node-scheduling",
  description: "A toleration for a dedicated-node taint comes with a nodeSelector/required node affinity that keeps the pod on that node, and the reverse.",
  severity: "warning",
  help: "Use both halves of the dedicated-node pattern: nodeSelector (e.g. llm-node: \"true\") and the toleration for its taint (e.g. llm-only=true:NoSchedule).",
  messages: {
    toleratedButNotPinned:
      "tolerations let the pod onto nodes tainted {{taint}}, but nothing keeps it there: it may land on any node — add a nodeSelector (e.g. the dedicated node's label) or a required nodeAffinity",
    pinnedButNotTolerated:
      "nodeSelector pins the pod to nodes labelled {{label}} but it tolerates no taint: if that node is dedicated (tainted, e.g. llm-only=true:NoSchedule) the pod stays Pending — add the matching toleration",
  },
  check(ctx) {
    const tolerations = (Array.isArray(ctx.get("tolerations")) ? (ctx.get("tolerations") as Toleration[]) : []).filter(
      (t) => t && typeof t === "object" && typeof t.key === "string" && t.key !== "" && (t.effect === undefined || t.effect === "" || t.effect === "NoSchedule" || t.effect === "NoExecute"),
    );
    const selector = ctx.get("nodeSelector");
    const selectorKeys = selector && typeof selector === "object" ? Object.keys(selector) : [];
    const pinned = selectorKeys.length > 0 || requiredNodeAffinity(ctx.get("affinity"));
    if (tolerations.length > 0 && !pinned) {
      const t = tolerations[0]!;
      ctx.report({
        messageId: "toleratedButNotPinned",
        data: { taint: `${t.key}${t.value ? `=${t.value}` : ""}${t.effect ? `:${t.effect}` : ""}` },
        path: "tolerations",
      });
    }
    const custom = selectorKeys.filter((k) => !WELL_KNOWN.test(k));
    if (custom.length > 0 && tolerations.length === 0) {
      const label = `${custom[0]}=${String((selector as Record<string, unknown>)[custom[0]!])}`;
      ctx.report({
        messageId: "pinnedButNotTolerated",
        data: { label },
        path: "nodeSelector",
      });
    }
  },
});
