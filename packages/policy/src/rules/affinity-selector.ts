import type { PathSegment } from "@llmchart/schema";
import { isScalar } from "yaml";
import { defineRule, type RuleContext } from "../define-rule.js";
import { releaseOf, releasePodLabels } from "../release.js";
import { honoursMatchLabelKeys, rolloutPods } from "../rollout.js";

interface Requirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

interface Selector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: Requirement[];
}

interface Term {
  labelSelector?: Selector | null;
  namespaces?: unknown;
  namespaceSelector?: unknown;
}

/** One requirement of a label selector that the pods' labels do not meet, with where it is. */
interface Miss {
  path: PathSegment[];
  text: string;
  /** The scalar to change and what to, when one change would make the selector match. */
  fix?: { path: PathSegment[]; key: string; value: string };
}

interface Found {
  term: Term;
  path: PathSegment[];
  anti: boolean;
  required: boolean;
}

const INSTANCE = "app.kubernetes.io/instance";
const NAME = "app.kubernetes.io/name";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requirementHolds(r: Requirement, labels: Record<string, string>): boolean {
  const has = typeof r.key === "string" && Object.hasOwn(labels, r.key);
  const values = Array.isArray(r.values) ? r.values.map(String) : [];
  const value = typeof r.key === "string" ? labels[r.key] : undefined;
  if (r.operator === "In") return has && values.includes(value!);
  if (r.operator === "NotIn") return !has || !values.includes(value!);
  if (r.operator === "Exists") return has;
  if (r.operator === "DoesNotExist") return !has;
  return true;
}

/** Requirements of `selector` the labels fail, in order (Kubernetes ANDs them all). */
function misses(selector: Selector, labels: Record<string, string>, at: PathSegment[]): Miss[] {
  const out: Miss[] = [];
  for (const [key, raw] of Object.entries(selector.matchLabels ?? {})) {
    const want = String(raw);
    if (labels[key] === want) continue;
    const path = [...at, "matchLabels", key];
    out.push({ path, text: `${key}=${want}`, ...(key in labels ? { fix: { path, key, value: labels[key]! } } : {}) });
  }
  (selector.matchExpressions ?? []).forEach((r, i) => {
    if (typeof r.key !== "string" || requirementHolds(r, labels)) return;
    const values = Array.isArray(r.values) ? r.values.map(String) : [];
    const path = [...at, "matchExpressions", i];
    const text = `${r.key} ${String(r.operator)}${values.length ? ` [${values.join(", ")}]` : ""}`;
    const value = labels[r.key];
    const fix = r.operator === "In" && value !== undefined && values.length === 1 ? { path: [...path, "values", 0], key: r.key, value } : undefined;
    out.push({ path, text, ...(fix ? { fix } : {}) });
  });
  return out;
}

/** The selector with one scalar changed (`rel`: the path below `labelSelector`). */
function withValue(selector: Selector, rel: readonly PathSegment[], value: string): Selector {
  const copy = structuredClone(selector);
  let cur: unknown = copy;
  rel.slice(0, -1).forEach((seg) => (cur = (cur as Record<string | number, unknown>)[seg]));
  (cur as Record<string | number, unknown>)[rel[rel.length - 1]!] = value;
  return copy;
}

/** Whether a selector also matches the pods of another release of the chart (every model's, not this one's). */
function matchesOtherReleases(selector: Selector, labels: Record<string, string>): boolean {
  return misses(selector, { ...labels, [INSTANCE]: `${labels[INSTANCE]}-another-release` }, []).length === 0;
}

/** Whether a term looks for pods in the release's namespace: its own by default, or listed, or every namespace. */
function targetsNamespace(term: Term, namespace: string): boolean {
  const listed = Array.isArray(term.namespaces) ? term.namespaces : [];
  if (listed.includes(namespace)) return true;
  if (isRecord(term.namespaceSelector)) return Object.keys(term.namespaceSelector).length === 0;
  return listed.length === 0;
}

function terms(ctx: RuleContext): Found[] {
  const out: Found[] = [];
  for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
    const base: PathSegment[] = ["affinity", kind];
    const anti = kind === "podAntiAffinity";
    const required = ctx.get([...base, "requiredDuringSchedulingIgnoredDuringExecution"]);
    if (Array.isArray(required)) required.forEach((t, i) => isRecord(t) && out.push({ term: t, path: [...base, "requiredDuringSchedulingIgnoredDuringExecution", i], anti, required: true }));
    const preferred = ctx.get([...base, "preferredDuringSchedulingIgnoredDuringExecution"]);
    if (Array.isArray(preferred)) {
      preferred.forEach((w, i) => {
        const t = isRecord(w) ? w.podAffinityTerm : undefined;
        if (isRecord(t)) out.push({ term: t, path: [...base, "preferredDuringSchedulingIgnoredDuringExecution", i, "podAffinityTerm"], anti, required: false });
      });
    }
  }
  return out;
}

/**
 * What to select instead, keeping the author's intent: the release's own pods (its replicas kept
 * apart, or together). A term in the values file names the release; a chart-wide default cannot,
 * so it takes the instance from each pod with `matchLabelKeys` where the cluster honours that.
 * A required anti-affinity between a release's own pods also keeps a rolling update's new pod off
 * every node that holds an old one: with surge pods, `pod-template-hash` in `matchLabelKeys`
 * limits the term to pods of one revision.
 */
function advice(ctx: RuleContext, found: Found, release: string, labels: Record<string, string>): string {
  const apart = found.anti ? "apart" : "together";
  const keys = honoursMatchLabelKeys(ctx.config.kubernetes.version);
  const rollout = found.anti && found.required && rolloutPods({ autoscaling: ctx.get("autoscaling"), replicaCount: ctx.get("replicaCount"), strategy: ctx.get("strategy") }).surge > 0;
  const fromDefault = ctx.origin(found.path).kind === "default";
  if (fromDefault && keys) {
    const matchKeys = [INSTANCE, ...(rollout ? ["pod-template-hash"] : [])].join(", ");
    return `a chart-wide default cannot name one release: select ${NAME}: ${labels[NAME]} and add matchLabelKeys: [${matchKeys}] to the term, so each release's own pods are kept ${apart}${rollout ? " and a rollout's new pod may start next to the old one" : ""}`;
  }
  if (fromDefault) {
    return `a chart-wide default cannot name one release, and Kubernetes ${ctx.config.kubernetes.version} does not apply matchLabelKeys (1.31 and later do): set the term in each values file, selecting ${INSTANCE}: <release> (${release} here)`;
  }
  const own = `select ${INSTANCE}: ${release} to keep release ${release}'s own pods ${apart}`;
  if (!rollout) return own;
  if (keys) return `${own}, and add matchLabelKeys: [pod-template-hash] to the term so a rollout's new pod may start next to the old one`;
  return `${own}; a rollout's new pod then needs a node without an old one (on a single node set strategy.rollingUpdate.maxSurge: 0)`;
}

export default defineRule({
  id: "affinity-selector",
  description: "A pod (anti-)affinity term that looks in the release's namespace selects the release's own pods by their real labels.",
  severity: "warning",
  fixable: true,
  help: "Select the release's own pods: app.kubernetes.io/instance (the release name) in a values file; in a chart-wide default (llmchart.config.yaml defaults.affinity), app.kubernetes.io/name with matchLabelKeys: [app.kubernetes.io/instance].",
  messages: {
    noLabelSelector: "this {{kind}} term has no labelSelector, so it matches no pod and {{effect}} — {{advice}}",
    selectsNoPod:
      "this {{kind}} term selects {{selected}} in namespace {{namespace}}, which matches none of release {{release}}'s pods, so it {{effect}}: the pods are labelled {{labels}} — {{advice}}",
    selectsNoPodDidYouMean:
      "this {{kind}} term selects {{selected}} in namespace {{namespace}}, which matches none of release {{release}}'s pods, so it {{effect}}: the pods are labelled {{labels}} — did you mean {{suggestion}}?",
  },
  check(ctx) {
    const found = terms(ctx);
    if (!found.length) return;
    const release = releaseOf(ctx.file.path, ctx.config);
    const labels = releasePodLabels({ nameOverride: ctx.get("nameOverride"), podLabels: ctx.get("podLabels") }, ctx.config, release.name);
    const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ");
    for (const f of found) {
      const { term, path, anti } = f;
      if (!targetsNamespace(term, release.namespace)) continue;
      const kind = anti ? "podAntiAffinity" : "podAffinity";
      const effect = anti ? "keeps the pods apart from nothing" : "places the pods next to nothing";
      if (!isRecord(term.labelSelector)) {
        ctx.report({ messageId: "noLabelSelector", data: { kind, effect, advice: advice(ctx, f, release.name, labels) }, path });
        continue;
      }
      const at = [...path, "labelSelector"];
      const missed = misses(term.labelSelector, labels, at);
      if (!missed.length) continue;
      const first = missed[0]!;
      const data = { kind, selected: missed.map((m) => m.text).join(" and "), namespace: release.namespace, release: release.name, effect, labels: shown };
      // One changed value that makes the term match only this release's pods is a fix; one that
      // would match every model's pods (app.kubernetes.io/name alone) changes what the term means.
      const fix = missed.length === 1 ? first.fix : undefined;
      const safe = fix && !matchesOtherReleases(withValue(term.labelSelector, fix.path.slice(at.length), fix.value), labels);
      if (fix && safe) {
        const node = ctx.node(fix.path);
        ctx.report({ messageId: "selectsNoPodDidYouMean", data: { ...data, suggestion: fix.value }, path: first.path, ...(node && isScalar(node) ? { fix: { node, value: fix.value } } : {}) });
        continue;
      }
      const widened = fix ? ` (not ${fix.key}=${fix.value} alone: that matches every model's pods${f.required && anti ? ", one model per node" : ""})` : "";
      ctx.report({ messageId: "selectsNoPod", data: { ...data, advice: `${advice(ctx, f, release.name, labels)}${widened}` }, path: first.path });
    }
  },
});
