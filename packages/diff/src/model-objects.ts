import { compareObjects, type IgnoreMatcher } from "./compare.js";
import { argoHookOf, describeHook } from "./hooks.js";
import { objectKey, parseManifests, type K8sObject } from "./objects.js";
import { risksOf, type ModelSizeLookup } from "./risks.js";
import type { ObjectDiff } from "./types.js";

export interface ObjectsDiffOptions {
  /** `compileIgnore` of the ignore patterns. */
  ignore: IgnoreMatcher;
  /** Leave out `helm.sh/chart` labels whose chart version alone moved. */
  ignoreChartVersion: boolean;
  /** Pinned model sizes for download and load times; otherwise estimated from the file name. */
  modelSize?: ModelSizeLookup;
}

/** One side of a model as helm rendered it: the manifests and the namespace they default to. */
export interface RenderedSide {
  manifests: string;
  namespace: string;
}

const KIND_ORDER = ["Deployment", "Service", "PersistentVolumeClaim", "Ingress"];
function compareKeys(a: K8sObject, b: K8sObject): number {
  const ka = KIND_ORDER.indexOf(a.kind);
  const kb = KIND_ORDER.indexOf(b.kind);
  const ra = ka < 0 ? KIND_ORDER.length : ka;
  const rb = kb < 0 ? KIND_ORDER.length : kb;
  return ra - rb || a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

/**
 * The objects that differ between a model's base and working-tree renders (either side absent for
 * an added or removed model), by kind then name, each with what changed and its risks. Objects
 * Argo CD never applies (rollback hooks) are left out; a changed object with no field left after
 * the ignore patterns is no difference.
 */
export function diffRenderedObjects(base: RenderedSide | undefined, head: RenderedSide | undefined, options: ObjectsDiffOptions): ObjectDiff[] {
  const before = base ? parseManifests(base.manifests, base.namespace) : new Map<string, K8sObject>();
  const after = head ? parseManifests(head.manifests, head.namespace) : new Map<string, K8sObject>();
  const all = [...new Map([...before, ...after]).values()].sort(compareKeys);
  const objects: ObjectDiff[] = [];
  for (const o of all) {
    const hook = argoHookOf(o);
    if (hook?.kind === "ignored") continue;
    const key = objectKey(o);
    const was = before.get(key);
    const now = after.get(key);
    const change = !was ? "added" : !now ? "removed" : "changed";
    const fields = was && now ? compareObjects(was, now, { ignore: options.ignore, ignoreChartVersion: options.ignoreChartVersion }) : [];
    if (change === "changed" && !fields.length) continue;
    const risks = risksOf({ change, before: was, after: now, fields, baseObjects: before, headObjects: after, ...(options.modelSize ? { modelSize: options.modelSize } : {}) });
    objects.push({ kind: o.kind, apiVersion: (now ?? was)!.apiVersion, namespace: o.namespace, name: o.name, change, fields, risks, ...(hook ? { hook: describeHook(hook) } : {}) });
  }
  return objects;
}
