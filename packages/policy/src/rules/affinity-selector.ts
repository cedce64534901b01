import type { PathSegment } from "@llmchart/schema";
import { isScalar } from "yaml";
import { defineRule, type RuleContext } from "../define-rule.js";
import { releaseOf, releasePodLabels } from "../release.js";

interface Requirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

interface Term {
  labelSelector?: { matchLabels?: Record<string, unknown>; matchExpressions?: Requirement[] } | null;
  namespaces?: unknown;
  namespaceSelector?: unknown;
}

/** One requirement of a label selector that the pods' labels do not meet, with where it is. */
interface Miss {
  path: PathSegment[];
  text: string;
  /** The scalar to change and what to, when one change would make the selector match. */
  fix?: { path: PathSegment[]; value: string };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Requirements of `selector` the labels fail, in order (Kubernetes ANDs them all). */
function misses(selector: NonNullable<Term["labelSelector"]>, labels: Record<string, string>, at: PathSegment[]): Miss[] {
  const out: Miss[] = [];
  for (const [key, raw] of Object.entries(selector.matchLabels ?? {})) {
    const want = String(raw);
    if (labels[key] === want) continue;
    const path = [...at, "matchLabels", key];
    out.push({ path, text: `${key}=${want}`, ...(key in labels ? { fix: { path, value: labels[key]! } } : {}) });
  }
  (selector.matchExpressions ?? []).forEach((r, i) => {
    if (!r || typeof r.key !== "string") return;
    const has = Object.hasOwn(labels, r.key);
    const values = Array.isArray(r.values) ? r.values.map(String) : [];
    const value = labels[r.key];
    const ok =
      r.operator === "In" ? has && values.includes(value!)
      : r.operator === "NotIn" ? !has || !values.includes(value!)
      : r.operator === "Exists" ? has
      : r.operator === "DoesNotExist" ? !has
      : true;
    if (ok) return;
    const path = [...at, "matchExpressions", i];
    const text = `${r.key} ${String(r.operator)}${values.length ? ` [${values.join(", ")}]` : ""}`;
    const fix = r.operator === "In" && has && values.length === 1 ? { path: [...path, "values", 0], value: value! } : undefined;
    out.push({ path, text, ...(fix ? { fix } : {}) });
  });
  return out;
}

/** Whether a term looks for pods in the release's namespace: its own by default, or listed, or every namespace. */
function targetsNamespace(term: Term, namespace: string): boolean {
  const listed = Array.isArray(term.namespaces) ? term.namespaces : [];
  if (listed.includes(namespace)) return true;
  if (isRecord(term.namespaceSelector)) return Object.keys(term.namespaceSelector).length === 0;
  return listed.length === 0;
}

function terms(ctx: RuleContext): { term: Term; path: PathSegment[]; anti: boolean }[] {
  const out: { term: Term; path: PathSegment[]; anti: boolean }[] = [];
  for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
    const base: PathSegment[] = ["affinity", kind];
    const required = ctx.get([...base, "requiredDuringSchedulingIgnoredDuringExecution"]);
    if (Array.isArray(required)) required.forEach((t, i) => isRecord(t) && out.push({ term: t, path: [...base, "requiredDuringSchedulingIgnoredDuringExecution", i], anti: kind === "podAntiAffinity" }));
    const preferred = ctx.get([...base, "preferredDuringSchedulingIgnoredDuringExecution"]);
    if (Array.isArray(preferred)) {
      preferred.forEach((w, i) => {
        const t = isRecord(w) ? w.podAffinityTerm : undefined;
        if (isRecord(t)) out.push({ term: t, path: [...base, "preferredDuringSchedulingIgnoredDuringExecution", i, "podAffinityTerm"], anti: kind === "podAntiAffinity" });
      });
    }
  }
  return out;
}

export default defineRule({
  id: "affinity-selector",
  description: "A pod (anti-)affinity term that looks in the release's namespace selects the release's own pods by their real labels.",
  severity: "warning",
  fixable: true,
  help: "Select the labels the chart gives the pods: app.kubernetes.io/name (nameOverride or the chart name) and app.kubernetes.io/instance (the release name).",
  messages: {
    noLabelSelector: "this {{kind}} term has no labelSelector, so it matches no pod and {{effect}} — select this release's pods ({{labels}})",
    selectsNoPod:
      "this {{kind}} term selects {{selected}} in namespace {{namespace}}, which matches none of release {{release}}'s pods, so it {{effect}}: the pods are labelled {{labels}}",
    selectsNoPodDidYouMean:
      "this {{kind}} term selects {{selected}} in namespace {{namespace}}, which matches none of release {{release}}'s pods, so it {{effect}}: the pods are labelled {{labels}} — did you mean {{suggestion}}?",
  },
  check(ctx) {
    const found = terms(ctx);
    if (!found.length) return;
    const release = releaseOf(ctx.file.path, ctx.config);
    const labels = releasePodLabels({ nameOverride: ctx.get("nameOverride"), podLabels: ctx.get("podLabels") }, ctx.config, release.name);
    const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ");
    for (const { term, path, anti } of found) {
      if (!targetsNamespace(term, release.namespace)) continue;
      const kind = anti ? "podAntiAffinity" : "podAffinity";
      const effect = anti ? "keeps the pods apart from nothing" : "places the pods next to nothing";
      if (!isRecord(term.labelSelector)) {
        ctx.report({ messageId: "noLabelSelector", data: { kind, effect, labels: shown }, path });
        continue;
      }
      const missed = misses(term.labelSelector, labels, [...path, "labelSelector"]);
      if (!missed.length) continue;
      const first = missed[0]!;
      const fixNode = missed.length === 1 && first.fix ? ctx.node(first.fix.path) : undefined;
      const data = { kind, selected: missed.map((m) => m.text).join(" and "), namespace: release.namespace, release: release.name, effect, labels: shown };
      ctx.report({
        ...(missed.length === 1 && first.fix ? { messageId: "selectsNoPodDidYouMean", data: { ...data, suggestion: first.fix.value } } : { messageId: "selectsNoPod", data }),
        path: first.path,
        ...(fixNode && isScalar(fixNode) && first.fix ? { fix: { node: fixNode, value: first.fix.value } } : {}),
      });
    }
  },
});
