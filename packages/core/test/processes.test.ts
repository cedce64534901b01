import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const packagesDir = join(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(abs);
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [abs] : [];
  });
}

describe("who starts processes", () => {
  test("only core's git module and the manifests package's Helm runner import child_process", () => {
    const starters: string[] = [];
    for (const pkg of readdirSync(packagesDir)) {
      let files: string[];
      try {
        files = sourceFiles(join(packagesDir, pkg, "src"));
      } catch {
        continue; // no src folder
      }
      for (const file of files) if (/["'](node:)?child_process["']/.test(readFileSync(file, "utf8"))) starters.push(relative(packagesDir, file).split("\\").join("/"));
    }
    expect(starters.sort()).toEqual(["core/src/git.ts", "manifests/src/helm.ts"]);
  });
});
