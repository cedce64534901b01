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

/**
 * The objects of a `helm template` stream, by key. Parsed as YAML 1.1, as Kubernetes' YAML
 * reader does; comments (helm's `# Source:` lines, generated headers) are not data and vanish.
 * Documents that are not objects with a kind and a name are left out: they are `check`'s to report.
 */
export function parseManifests(text: string, releaseNamespace: string): Map<string, K8sObject> {
  const objects = new Map<string, K8sObject>();
  for (const doc of parseAllDocuments(text, { version: "1.1", uniqueKeys: false })) {
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    const d = data as Record<string, unknown>;
    const meta = (d.metadata ?? {}) as Record<string, unknown>;
    if (typeof d.kind !== "string" || typeof meta.name !== "string") continue;
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
