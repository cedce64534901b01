import type { FieldChange } from "./compare.js";
import type { RenderPending } from "./render-pending.js";
import type { Risk } from "./risks.js";

/** How the base revision was chosen, for the summary line. */
export type BaseReason = "given" | "merge-base" | "HEAD";

export interface ResolvedBase {
  /** What the user gave, or what was chosen (`HEAD`, `merge-base HEAD origin/main`). */
  rev: string;
  commit: string;
  reason: BaseReason;
}

/**
 * Where rendered manifests may be kept between runs (e.g. `check`'s cache). Keys are SHA-256 hex
 * of everything a render depends on: helm path, chart files, values text, release, namespace.
 */
export interface RenderStore {
  get(key: string): string | undefined;
  set(key: string, manifests: string): void;
}

/** One object that differs between the base and the working tree. */
export interface ObjectDiff {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  change: "added" | "removed" | "changed";
  /** For a changed object: what changed. Empty for added and removed objects. */
  fields: FieldChange[];
  risks: Risk[];
  /**
   * Set for an object helm renders as a hook that Argo CD maps to its own (`helm.sh/hook:
   * pre-upgrade` → PreSync): it runs during a sync and is not kept as part of the application.
   * Hooks Argo CD does not support (rollback hooks) are left out, as Argo CD never applies them.
   */
  hook?: string;
}

/** A model whose inputs changed (values file, chart or config), rendered on both sides. */
export interface ModelDiff {
  model: string;
  release: string;
  namespace: string;
  /** cwd-relative values file (the base's when the model was removed). */
  valuesFile: string;
  /** added: no values file at the base; removed: none in the working tree. */
  status: "added" | "removed" | "changed";
  /** The objects that differ, by kind then name; empty when the change renders the same. */
  objects: ObjectDiff[];
  /** Set when helm could not render a side; then `objects` is empty. */
  error?: string;
}

export interface DiffResult {
  base: ResolvedBase;
  /** Why these models were rendered: "the chart changed", "1 values file changed", … */
  scope: string;
  models: ModelDiff[];
  /** Models not rendered because none of their inputs changed. */
  unchanged: string[];
  /** Generated files render has not brought up to date: the change is not complete until it runs. */
  renderPending?: RenderPending;
}
