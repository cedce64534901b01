import { valuesSchema, type PathSegment } from "@llmchart/schema";
import { createRequire } from "node:module";

type Schema = Record<string, unknown>;
const require = createRequire(import.meta.url);

/** Where the values hold a Kubernetes type: a path pattern (`"*"` = any list index) and the type's class name. */
export interface KubernetesSlot {
  path: readonly (string | "*")[];
  /** Name of the generated definition without its prefix (`V1Affinity`). */
  type: string;
}

function resolve(node: unknown): Schema | undefined {
  let s = node as Schema | undefined;
  for (let i = 0; i < 10 && s && typeof s.$ref === "string" && !s.$ref.includes("/k8s."); i++) s = (valuesSchema.definitions as Record<string, Schema>)[s.$ref.replace("#/definitions/", "")];
  return s;
}

/**
 * The outermost Kubernetes-typed places of the values schema: every schema node that carries a
 * generated definition in its allOf. Read from the schema, so a new pass-through key is covered
 * as soon as the schema refers to its type.
 */
export const kubernetesSlots: readonly KubernetesSlot[] = (() => {
  const out: KubernetesSlot[] = [];
  const walk = (node: unknown, path: (string | "*")[], depth: number): void => {
    const s = resolve(node);
    if (!s || depth > 12) return;
    const typed = ((s.allOf as Schema[] | undefined) ?? []).map((b) => b.$ref).find((r): r is string => typeof r === "string" && r.includes("/k8s."));
    if (typed) {
      out.push({ path, type: typed.split("/k8s.").pop()! });
      return;
    }
    for (const [k, v] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) walk(v, [...path, k], depth + 1);
    if (s.items) walk(s.items, [...path, "*"], depth + 1);
  };
  walk(valuesSchema, [], 0);
  return out;
})();

/** An ajv error of a kubernetes-models validator. */
export interface KubernetesError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const models = new Map<string, ModelClass | null>();
let groupVersions: string[] | undefined;

/**
 * The kubernetes-models class of a definition (`V1Affinity` → `kubernetes-models/v1/Affinity`,
 * `V1NetworkPolicyPeer` → `…/networking.k8s.io/v1/NetworkPolicyPeer`): tried in every group of
 * the type's version, loaded once.
 */
function modelOf(type: string): ModelClass | undefined {
  const hit = models.get(type);
  if (hit !== undefined) return hit ?? undefined;
  const m = /^V(\d+(?:(?:alpha|beta)\d+)?)(.+)$/.exec(type);
  let found: ModelClass | null = null;
  if (m) {
    groupVersions ??= Object.keys((require("kubernetes-models/package.json") as { exports: Record<string, unknown> }).exports)
      .filter((k) => k.endsWith("/*"))
      .map((k) => k.slice(2, -2));
    for (const gv of groupVersions.filter((g) => g === `v${m[1]}` || g.endsWith(`/v${m[1]}`))) {
      try {
        const mod = require(`kubernetes-models/${gv}/${m[2]}`) as Record<string, unknown>;
        if (typeof mod[m[2]!] === "function") {
          found = mod[m[2]!] as ModelClass;
          break;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== "MODULE_NOT_FOUND" && code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw err;
      }
    }
  }
  models.set(type, found);
  return found ?? undefined;
}

/** kubernetes-models' own checks of a value of a Kubernetes type (enums, formats such as quantities, types). */
export function kubernetesErrors(type: string, data: unknown): KubernetesError[] {
  const cls = modelOf(type);
  if (!cls) return [];
  try {
    new cls(data).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors as KubernetesError[];
    throw err;
  }
}

/** Every value in `data` at a slot's path, with its concrete path. */
export function valuesAt(data: unknown, pattern: readonly (string | "*")[]): { path: PathSegment[]; value: unknown }[] {
  let current: { path: PathSegment[]; value: unknown }[] = [{ path: [], value: data }];
  for (const seg of pattern) {
    const next: { path: PathSegment[]; value: unknown }[] = [];
    for (const { path, value } of current) {
      if (seg === "*") {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ path: [...path, i], value: v }));
      } else if (value && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, seg)) {
        next.push({ path: [...path, seg], value: (value as Record<string, unknown>)[seg] });
      }
    }
    current = next;
  }
  return current;
}
