import { parseAllDocuments } from "yaml";

/** A Kubernetes object as helm rendered it, parsed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  /** `metadata.namespace`, or the release namespace when the template leaves it out (as helm installs it). */
  namespace: string;
  name: string;
  data: Record<string, unknown>;
}

/** Identity of an object across the two sides: kind, namespace and name. */
export function objectKey(o: Pick<K8sObject, "kind" | "namespace" | "name">): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

/** Helm's test hook types: `helm test` runs them; Argo CD never applies them (it maps only install/upgrade hooks). */
const TEST_HOOKS = new Set(["test", "test-success", "test-failure"]);

/** Whether an object is only a Helm test hook (`helm.sh/hook: test`), which Argo CD leaves out of a sync. */
export function isHelmTestHook(meta: Record<string, unknown>): boolean {
  const hook = (meta.annotations as Record<string, unknown> | undefined)?.["helm.sh/hook"];
  if (typeof hook !== "string") return false;
  const types = hook.split(",").map((t) => t.trim()).filter(Boolean);
  return types.length > 0 && types.every((t) => TEST_HOOKS.has(t));
}

/**
 * The objects of a `helm template` stream, by key. Parsed as YAML 1.1, as Kubernetes' YAML
 * reader does; comments (helm's `# Source:` lines, generated headers) are not data and vanish.
 * Documents that are not objects with a kind and a name are left out: they are `check`'s to report.
 * Helm test hooks are left out too: Argo CD never creates them, so they change nothing in the cluster.
 */
export function parseManifests(text: string, releaseNamespace: string): Map<string, K8sObject> {
  const objects = new Map<string, K8sObject>();
  for (const doc of parseAllDocuments(text, { version: "1.1", uniqueKeys: false })) {
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    const d = data as Record<string, unknown>;
    const meta = (d.metadata ?? {}) as Record<string, unknown>;
    if (typeof d.kind !== "string" || typeof meta.name !== "string" || isHelmTestHook(meta)) continue;
    const o: K8sObject = {
      apiVersion: typeof d.apiVersion === "string" ? d.apiVersion : "",
      kind: d.kind,
      namespace: typeof meta.namespace === "string" && meta.namespace ? meta.namespace : releaseNamespace,
      name: meta.name,
      data: d,
    };
    objects.set(objectKey(o), o);
  }
  return objects;
}
