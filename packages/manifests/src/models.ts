import { createRequire } from "node:module";

/** An ajv error as the kubernetes-models validators report it. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A kubernetes-models class: construct with the object, `validate()` throws on errors. */
export interface ModelClass {
  new (data: Record<string, unknown>): { validate(): void };
  apiVersion: string;
  kind: string;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, ModelClass | null>();

/**
 * The kinds the generated chart renders, and Argo CD's Application, each imported by a literal
 * specifier: a bundler (the CLI's esbuild bundle) then carries their modules in its one file,
 * instead of `require` resolving and loading a kind's ~100 schema modules one file at a time.
 * Any other kind is still found by `require` (modelFor).
 */
const PRELOADED: ReadonlyArray<readonly [apiVersion: string, kind: string, load: () => Promise<unknown>]> = [
  ["v1", "ServiceAccount", () => import("kubernetes-models/v1/ServiceAccount")],
  ["v1", "Service", () => import("kubernetes-models/v1/Service")],
  ["v1", "Pod", () => import("kubernetes-models/v1/Pod")],
  ["v1", "PersistentVolumeClaim", () => import("kubernetes-models/v1/PersistentVolumeClaim")],
  ["apps/v1", "Deployment", () => import("kubernetes-models/apps/v1/Deployment")],
  ["autoscaling/v2", "HorizontalPodAutoscaler", () => import("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler")],
  ["networking.k8s.io/v1", "Ingress", () => import("kubernetes-models/networking.k8s.io/v1/Ingress")],
  ["networking.k8s.io/v1", "NetworkPolicy", () => import("kubernetes-models/networking.k8s.io/v1/NetworkPolicy")],
  ["policy/v1", "PodDisruptionBudget", () => import("kubernetes-models/policy/v1/PodDisruptionBudget")],
  ["argoproj.io/v1alpha1", "Application", () => import("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application")],
];

const preloading = new Map<string, Promise<void>>();

/** The kinds a YAML stream names at the top level of its documents (`kind: Deployment` at column 0). */
function kindsNamedIn(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(/^kind:[ \t]*["']?([A-Za-z0-9]+)/gm), (m) => m[1]!));
}

/**
 * Loads the models of the kinds the generated chart renders (and Application) ahead of
 * validation — all of them, or those a YAML stream about to be validated names (`text`), so a
 * process that checks one Deployment does not read the validators of nine other kinds. Optional:
 * modelFor loads any kind on demand; this only lets a bundle serve the common ones from its own
 * file. Safe to call more than once.
 */
export function preloadKinds(text?: string): Promise<void> {
  const named = text === undefined ? undefined : kindsNamedIn(text);
  return Promise.all(
    PRELOADED.filter(([, kind]) => !named || named.has(kind)).map(([apiVersion, kind, load]) => {
      const key = `${apiVersion}/${kind}`;
      let loading = preloading.get(key);
      if (!loading) {
        loading = load().then((loaded) => {
          const ns = loaded as Record<string, unknown> & { default?: Record<string, unknown> };
          const cls = (ns[kind] ?? ns.default?.[kind]) as ModelClass | undefined;
          if (typeof cls === "function" && cls.apiVersion === apiVersion && cls.kind === kind) cache.set(key, cls);
        });
        preloading.set(key, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

/** The kinds preloadKinds has loaded (or is loading), as `apiVersion/kind`, sorted. */
export function loadedKinds(): string[] {
  return [...preloading.keys()].sort();
}

const API_VERSION = /^(?:([a-z0-9]([-a-z0-9.]*[a-z0-9])?)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Which npm package holds the models of an API group (CRD groups we know; the rest are built in). */
function packageFor(group: string | undefined): string {
  if (group === "argoproj.io") return "@kubernetes-models/argo-cd";
  return "kubernetes-models";
}

/**
 * The model class of `apiVersion`/`kind`, or undefined when no installed package has one.
 * Loaded on demand, one module per kind (the packages hold hundreds): the lookup stays cheap
 * however many kinds exist. The class must declare the same apiVersion and kind, which keeps
 * nested types such as `DeploymentSpec` from passing for a kind.
 */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let found: ModelClass | null = null;
  const m = API_VERSION.exec(apiVersion);
  if (m && KIND.test(kind)) {
    const group = m[1];
    const path = `${packageFor(group)}/${group ? `${group}/` : ""}${m[3]}/${kind}`;
    try {
      const mod = require(path) as Record<string, unknown>;
      const cls = mod[kind] as ModelClass | undefined;
      if (typeof cls === "function" && cls.apiVersion === apiVersion && cls.kind === kind) found = cls;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "MODULE_NOT_FOUND" && code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw err;
    }
  }
  cache.set(key, found);
  return found ?? undefined;
}

/** Runs a model's validator; returns its ajv errors (empty when valid). */
export function schemaErrors(cls: ModelClass, data: Record<string, unknown>): SchemaError[] {
  try {
    new cls(data).validate();
    return [];
  } catch (err) {
    const errors = (err as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors as SchemaError[];
    throw err;
  }
}
