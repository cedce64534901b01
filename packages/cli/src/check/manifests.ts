import type { BundledModels } from "@llmchart/manifests";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Defined by scripts/bundle.mjs; typeof "undefined" when the compiled sources run unbundled.
declare const __LLMCHART_BUILD_ID__: string | undefined;

let loading: Promise<typeof import("@llmchart/manifests")> | undefined;
let table: BundledModels | undefined;

/**
 * dist/bundle/kinds.cjs, in the bundle only, run by bin/cached-script.cjs like the bundle itself
 * (with its V8 code cache). Both sit two folders below the package root, as this module does
 * in dist/check/.
 */
function bundledModels(): BundledModels | undefined {
  if (typeof __LLMCHART_BUILD_ID__ !== "string") return undefined;
  if (!table) {
    const loader = createRequire(import.meta.url)("../../bin/cached-script.cjs") as { runCachedScript(file: string): unknown };
    table = loader.runCachedScript(join(dirname(fileURLToPath(import.meta.url)), "kinds.cjs")) as BundledModels;
  }
  return table;
}

/**
 * @llmchart/manifests, loaded once. In the bundle it gets the model modules of the kinds the
 * chart renders (and Application) from dist/bundle/kinds.cjs, which scripts/bundle.mjs builds:
 * one file, read only when a manifest is first validated, instead of the ~300 modules `require`
 * loads one by one for a Deployment, a Service, a ServiceAccount and a Pod.
 */
export function loadManifests(): Promise<typeof import("@llmchart/manifests")> {
  loading ??= import("@llmchart/manifests").then((manifests) => {
    if (typeof __LLMCHART_BUILD_ID__ === "string") manifests.useBundledModels(() => bundledModels() ?? {});
    return manifests;
  });
  return loading;
}

/**
 * Loads the bundled model modules now rather than at the first validation: `check` calls it
 * while helm renders, when this process would otherwise wait. Nothing to do unbundled.
 */
export function preloadModels(): void {
  for (const load of Object.values(bundledModels() ?? {})) load();
}
