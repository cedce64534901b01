import { didYouMean, formatPath, type PathSegment, type SourceFile } from "@llmchart/schema";
import kubernetesSchema from "@llmchart/schema/kubernetes.schema.json" with { type: "json" };
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from "yaml";

type Schema = Record<string, unknown>;

const definitions = (kubernetesSchema as { definitions: Record<string, Schema> }).definitions;

/** Kubernetes minor version of the definitions the strict check uses. */
export const strictKubernetesVersion: string = (kubernetesSchema as Record<string, unknown>)["x-kubernetes-version"] as string;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function resolve(schema: unknown): Schema | undefined {
  let s = schema;
  for (let i = 0; i < 8 && isRecord(s) && typeof s.$ref === "string"; i++) s = definitions[s.$ref.replace("#/definitions/", "")];
  return isRecord(s) ? s : undefined;
}

const API_VERSION = /^(?:([a-z0-9.-]+)\/)?v([0-9]+(?:(?:alpha|beta)[0-9]+)?)$/;

/**
 * The definition of a built-in kind. The definitions are named after the Kubernetes client's
 * classes: version and kind (`V1Deployment`, `V2HorizontalPodAutoscaler`), with the group's first
 * word in front where two groups share both (`CoreV1Event`, `EventsV1Event`).
 */
export function kindDefinition(apiVersion: string, kind: string): Schema | undefined {
  const m = API_VERSION.exec(apiVersion);
  if (!m || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const version = `V${m[2]}`;
  const group = m[1] ?? "core";
  const word = group.split(".")[0]!.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  for (const name of [`k8s.${word}${version}${kind}`, `k8s.${version}${kind}`]) {
    const def = definitions[name];
    const props = def?.properties;
    if (isRecord(props) && "apiVersion" in props && "kind" in props) return def;
  }
  return undefined;
}

/** A field of a rendered object that its Kubernetes definition does not have. */
export interface UnknownField {
  /** Path of the field inside the object (its last segment is the unknown key). */
  path: PathSegment[];
  /** The fields the definition knows at that place. */
  known: string[];
  /** The closest known field, when it is close enough to be a typo. */
  suggestion?: string;
}

/**
 * Fields of `data` that the definition does not know, at every depth (kubeconform's -strict).
 * Maps (labels, resource lists) and untyped fields (`x-kubernetes-preserve-unknown-fields`) are
 * open and not descended into beyond their declared value type.
 */
export function unknownFields(def: Schema, data: unknown, path: PathSegment[] = []): UnknownField[] {
  const out: UnknownField[] = [];
  const walk = (schema: Schema | undefined, value: unknown, at: PathSegment[]): void => {
    if (!schema) return;
    if (Array.isArray(value)) {
      const items = resolve(schema.items);
      if (items) value.forEach((v, i) => { walk(items, v, [...at, i]); });
      return;
    }
    if (!isRecord(value)) return;
    const props = isRecord(schema.properties) ? schema.properties : undefined;
    const extra = schema.additionalProperties;
    for (const [key, v] of Object.entries(value)) {
      if (props && Object.hasOwn(props, key)) walk(resolve(props[key]), v, [...at, key]);
      else if (isRecord(extra)) walk(resolve(extra), v, [...at, key]);
      else if (extra === false) {
        const known = Object.keys(props ?? {});
        const suggestion = didYouMean(key, known);
        out.push({ path: [...at, key], known, ...(suggestion ? { suggestion } : {}) });
      }
    }
  };
  walk(def, data, path);
  return out;
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
  }
  // Helm prints scalars through templates; a quoted "1" and a 1 are the same value to a user.
  return (typeof a === "string" || typeof a === "number" || typeof a === "boolean") && String(a) === String(b);
}

/** Where a rendered field came from in a values file. */
export interface TracedField {
  source: SourceFile;
  /** The values path (`affinity.nodeAfinity`). */
  path: string;
  segments: PathSegment[];
  /** The key node in the values file. */
  keyNode: Node;
}

/**
 * The values key a rendered field was copied from, when a chart template passes a values object
 * through (`toYaml .Values.affinity`). Found by content, not by a table of templates: a key of the
 * values file with the same name and the same value (deeply), preferring the one whose path ends
 * like the rendered field's (`affinity.nodeAfinity` for `spec.template.spec.affinity.nodeAfinity`).
 * Undefined when no values key matches, or when two match equally well.
 */
export function traceToValues(manifestPath: readonly PathSegment[], renderedValue: unknown, values: SourceFile | readonly SourceFile[]): TracedField | undefined {
  const key = manifestPath.at(-1);
  if (typeof key !== "string") return undefined;
  const sources = Array.isArray(values) ? (values as readonly SourceFile[]) : [values as SourceFile];
  for (const source of sources) {
    const scored: { field: TracedField; score: number }[] = [];
    const visit = (node: unknown, at: PathSegment[], depth: number): void => {
      if (depth > 64) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const k = String(pair.key.value);
          const next = [...at, k];
          if (k === key && sameData(isNode(pair.value) ? pair.value.toJSON() : pair.value, renderedValue)) {
            scored.push({ field: { source, path: formatPath(next), segments: next, keyNode: pair.key }, score: suffixScore(next, manifestPath) });
          }
          visit(pair.value, next, depth + 1);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => { visit(item, [...at, i], depth + 1); });
    };
    visit(source.doc.contents, [], 0);
    if (!scored.length) continue;
    scored.sort((a, b) => b.score - a.score);
    // Two keys that fit almost equally (podSecurityContext and securityContext hold the same
    // typo) cannot be told apart by content: say nothing rather than guess.
    if (scored.length > 1 && scored[0]!.score - scored[1]!.score < 1) return undefined;
    // A match in an earlier file (the model's values) wins over later ones (chart defaults).
    return scored[0]!.field;
  }
  return undefined;
}

/** How far the end of a values path matches the end of a rendered path (list indexes match any index). */
function suffixScore(valuesPath: readonly PathSegment[], manifestPath: readonly PathSegment[]): number {
  let score = 0;
  for (let i = 1; i <= Math.min(valuesPath.length, manifestPath.length); i++) {
    const a = valuesPath[valuesPath.length - i];
    const b = manifestPath[manifestPath.length - i];
    if (a === b || (typeof a === "number" && typeof b === "number")) score++;
    else {
      // A values key often names where it goes with a prefix: podSecurityContext → securityContext.
      if (typeof a === "string" && typeof b === "string" && a.toLowerCase().endsWith(b.toLowerCase())) score += 0.5;
      break;
    }
  }
  return score;
}
