import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { expect, it } from "vitest";

const src = join(import.meta.dirname, "..", "src");

/** Every module of src and the modules it imports (type-only imports and re-exports too: a cycle of types is still a knot to untie). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => join(src, f));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const deps = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)\.js";/gms)].map((m) => join(dirname(file), `${m[1]!}.ts`));
    graph.set(file, deps);
  }
  return graph;
}

/** The import cycles of `graph`, each as the modules around it (relative to src). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (!graph.has(dep)) continue;
      if (state.get(dep) === "open") found.push(stack.slice(stack.indexOf(dep)).map((f) => relative(src, f)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

it("has no import cycle between its modules (shared types live in types.ts, below the rule API and the memory estimate)", () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(20);
  expect(graph.get(join(src, "memory.ts"))).toContain(join(src, "types.ts"));
  expect(cycles(graph)).toEqual([]);
});
