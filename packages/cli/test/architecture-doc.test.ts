// docs/architecture.md's package diagram is generated from the workspace packages' package.json
// by scripts/architecture-diagram.mjs (`pnpm docs:architecture`); this keeps it so.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { architectureDiagram, DOC, generatedBlock, workspacePackages } from "../../../scripts/architecture-diagram.mjs";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const doc = readFileSync(join(repoRoot, DOC), "utf8");

describe("docs/architecture.md's package diagram", () => {
  it("is what the packages' package.json files say (run `pnpm docs:architecture`)", () => {
    expect(generatedBlock(doc), `${DOC} has no generated diagram`).toBeDefined();
    expect(generatedBlock(doc)).toBe(architectureDiagram(repoRoot));
  });

  it("has a box for every workspace package and an arrow for every workspace dependency", () => {
    const block = generatedBlock(doc) ?? "";
    const ids = new Map([...block.matchAll(/^ {2}(\w+)\["([^<"]+)<br\/>/gm)].map((m) => [m[2]!, m[1]!]));
    const packages = workspacePackages(repoRoot);
    expect(packages.length).toBeGreaterThan(10);
    for (const { manifest } of packages) {
      const to = ids.get(manifest.name);
      expect(to, `${manifest.name} has no box`).toBeDefined();
      for (const [dep, version] of Object.entries(manifest.dependencies ?? {})) {
        if (!version.startsWith("workspace:")) continue;
        const from = ids.get(dep);
        expect(block, `${manifest.name} depends on ${dep}`).toMatch(new RegExp(`^ {2}${from ?? "?"} (?:-->|-\\.->) ${to ?? "?"}$`, "m"));
      }
    }
  });
});
