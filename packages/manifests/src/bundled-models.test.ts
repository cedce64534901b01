import { describe, expect, it } from "vitest";
import { modelFor, useBundledModels } from "./models.js";

// Its own file: useBundledModels changes module state for the rest of the file.
describe("useBundledModels", () => {
  it("takes a kind's module from the bundled table, loaded on the first lookup, and requires the others", () => {
    class Service {
      static apiVersion = "v1";
      static kind = "Service";
      validate(): void {}
    }
    let loads = 0;
    useBundledModels(() => {
      loads++;
      return { "kubernetes-models/v1/Service": () => ({ Service }) };
    });
    expect(loads).toBe(0);
    expect(modelFor("v1", "Service")).toBe(Service);
    expect(modelFor("apps/v1", "Deployment")?.kind).toBe("Deployment");
    expect(modelFor("example.com/v1", "Widget")).toBeUndefined();
    expect(loads).toBe(1);
  });
});
