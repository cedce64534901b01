import { describe, expect, it } from "vitest";
import { formatManifestPath, formatPath } from "../src/index.js";

describe("formatPath (a values path)", () => {
  it("dots identifiers, brackets indexes and quotes any other key", () => {
    expect(formatPath(["resources", "limits", "cpu"])).toBe("resources.limits.cpu");
    expect(formatPath(["extraArgs", 3])).toBe("extraArgs[3]");
    expect(formatPath(["podAnnotations", "config/refresh"])).toBe('podAnnotations["config/refresh"]');
    expect(formatPath(["a", "$patch"])).toBe('a["$patch"]');
    expect(formatPath([])).toBe("");
  });
});

describe("formatManifestPath (a field of a Kubernetes object)", () => {
  it("reads like a values path, keeps $ keys dotted and shows named items by name", () => {
    expect(formatManifestPath(["spec", "template", "spec", "containers", { name: "llama" }, "image"])).toBe("spec.template.spec.containers[name=llama].image");
    expect(formatManifestPath(["spec", "$patch"])).toBe("spec.$patch");
    expect(formatManifestPath(["metadata", "annotations", "argocd.argoproj.io/sync-wave"])).toBe('metadata.annotations["argocd.argoproj.io/sync-wave"]');
    expect(formatManifestPath(["args", 2])).toBe("args[2]");
    expect(formatManifestPath([{ name: "x" }])).toBe("[name=x]");
  });
});
