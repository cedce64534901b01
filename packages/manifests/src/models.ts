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

/** Model modules by specifier (`kubernetes-models/apps/v1/Deployment`), each loaded on first call. */
export type BundledModels = Readonly<Record<string, () => unknown>>;

let bundled: (() => BundledModels) | undefined;

/**
 * Hands over model modules that a bundle of the caller already holds (the CLI bundles the kinds
 * its chart renders into one file): looked up by the same specifier before `require`, which
 * otherwise resolves and loads a kind's ~100 schema modules one file at a time. `load` runs on
 * the first lookup. Same modules, same classes, same errors — only fewer files to load.
 */
export function useBundledModels(load: () => BundledModels): void {
  let table: BundledModels | undefined;
  bundled = () => (table ??= load());
  cache.clear();
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
      const fromBundle = bundled?.()[path];
      const mod = (fromBundle ? fromBundle() : require(path)) as Record<string, unknown>;
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
