import { describe, expect, it } from "vitest";
import { loadedKinds, modelFor, preloadKinds } from "../src/models.js";

// Its own file: preloadKinds fills module state for the rest of the file.
describe("preloadKinds", () => {
  it("with a YAML stream, loads only the kinds it names", async () => {
    const rendered = "---\n# Source: c/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: \"ServiceAccount\"\nspec:\n  kind: Deployment\n";
    await preloadKinds(rendered);
    // Loaded by the preload: found without require (which would also find them, so look at the cache's effect).
    expect(loadedKinds()).toEqual(["v1/Service", "v1/ServiceAccount"]);
  });

  it("loads the classes of the kinds the chart renders, the same ones modelFor finds", async () => {
    await preloadKinds();
    await preloadKinds();
    for (const [apiVersion, kind] of [["apps/v1", "Deployment"], ["v1", "Service"], ["argoproj.io/v1alpha1", "Application"], ["policy/v1", "PodDisruptionBudget"]] as const) {
      const cls = modelFor(apiVersion, kind);
      expect(cls?.kind).toBe(kind);
      expect(cls?.apiVersion).toBe(apiVersion);
    }
    expect(modelFor("example.com/v1", "Widget")).toBeUndefined();
  });
});
