import type { BundledModels } from "@llmchart/manifests";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let loading: Promise<typeof import("@llmchart/manifests")> | undefined;
let table: BundledModels | undefined;

/**
 * The CLI's bundle ships `kinds.cjs` beside itself: the model modules of the kinds the chart
 * renders (and Application) in one file, instead of the ~300 modules `require` loads one by one
 * for a Deployment, a Service, a ServiceAccount and a Pod. Found next to the running code, so
 * nothing has to be defined by the build; unbundled there is none.
 */
function bundledModels(): BundledModels | undefined {
  if (table) return table;
  const file = join(dirname(fileURLToPath(import.meta.url)), "kinds.cjs");
  if (!existsSync(file)) return undefined;
  table = createRequire(import.meta.url)(file) as BundledModels;
  return table;
}

/** @llmchart/manifests, loaded once, with the bundled kinds when there are any. */
export function loadManifests(): Promise<typeof import("@llmchart/manifests")> {
  loading ??= import("@llmchart/manifests").then((manifests) => {
    if (bundledModels()) manifests.useBundledModels(() => bundledModels() ?? {});
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
