import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { enclosingPath, nodeAt, schemaAt, schemaKeys } from "../src/yaml-context.js";

/** enclosingPath at the `|` marker of `text` (the marker is removed). */
function pathAtMarker(text: string) {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes("|"));
  const character = lines[line]!.indexOf("|");
  lines[line] = lines[line]!.replace("|", "");
  return enclosingPath(lines, line, character);
}

describe("enclosingPath (indentation only, for half-typed files)", () => {
  it("finds nested mapping keys", () => {
    expect(pathAtMarker("resources:\n  requests:\n    cpu: 1\n  limits:\n    cpu: 2\n    me|")).toEqual(["resources", "limits"]);
  });
  it("finds the top level", () => {
    expect(pathAtMarker("replicaCount: 1\nmo|")).toEqual([]);
  });
  it("finds a sequence item of extraArgs", () => {
    expect(pathAtMarker('extraArgs:\n  - "-c"\n  - "--|')).toEqual(["extraArgs", 0]);
  });
  it("finds a mapping inside a sequence item", () => {
    expect(pathAtMarker("extraEnv:\n  - name: A\n    va|")).toEqual(["extraEnv", 0]);
    expect(pathAtMarker("extraEnv:\n  - name: A\n  - na|")).toEqual(["extraEnv", 0]);
  });
  it("skips comments and blank lines", () => {
    expect(pathAtMarker("model:\n  # the file\n\n  fi|")).toEqual(["model"]);
  });
});

describe("nodeAt", () => {
  const source = parseSource("v.yaml", 'resources:\n  limits:\n    memory: 8Gi\nextraArgs: ["-c", "4096"]\n');
  it("tells a key from a value and gives the values path", () => {
    const key = nodeAt(source.doc, source.text.indexOf("memory") + 2)!;
    expect([key.path, key.isKey]).toEqual([["resources", "limits", "memory"], true]);
    const value = nodeAt(source.doc, source.text.indexOf("8Gi") + 1)!;
    expect([value.path, value.isKey]).toEqual([["resources", "limits", "memory"], false]);
  });
  it("indexes flow sequence items", () => {
    expect(nodeAt(source.doc, source.text.indexOf("4096"))!.path).toEqual(["extraArgs", 1]);
  });
});

describe("schemaAt / schemaKeys", () => {
  it("follows $ref to a definition, keeping the use's description", () => {
    const limits = schemaAt(["resources", "limits"])!;
    expect(limits.description).toBe("Hard caps: CPU is throttled, memory above the limit is OOM-killed.");
    expect(limits.propertyNames).toBeDefined();
  });
  it("offers the literal names a resource list's key pattern allows", () => {
    expect(schemaKeys(["resources", "limits"]).map(([k]) => k)).toEqual(["cpu", "memory", "ephemeral-storage"]);
  });
  it("reads items of arrays", () => {
    expect(schemaKeys(["extraEnv", 0]).map(([k]) => k)).toEqual(expect.arrayContaining(["name", "value", "valueFrom"]));
  });
});
