import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { driftProblem } from "../src/render.js";
import { allRuleIds, allRules } from "../src/rules.js";

const repo = join(import.meta.dirname, "..", "..", "..");
const packages = join(repo, "packages");

/** Every `.ts` file under `packages/<p>/src`, generated ones included (they emit too). */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(path);
    }
  };
  for (const p of readdirSync(packages, { withFileTypes: true })) {
    if (!p.isDirectory()) continue;
    try {
      walk(join(packages, p.name, "src"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  return out;
}

/** The families of built-in ids (`family/name`), from the registry itself. */
const families = [...new Set(allRuleIds().filter((id) => id.includes("/")).map((id) => id.split("/")[0]!))];

/**
 * A built-in rule id where code emits it: a problem's `ruleId: "…"` (or `ruleId = "…"`), or an
 * argument of a call (`fileProblem(file, "io/unreadable", …)`, `report(range, "manifest/yaml", …)`).
 * A family-shaped string elsewhere (an annotation name such as `config/refresh`) is not an id.
 */
function emittedIds(text: string): string[] {
  const id = `((?:${families.join("|")})/[a-z0-9-]+)`;
  const patterns = [new RegExp(`\\bruleId\\s*[:=]\\s*"${id}"`, "g"), new RegExp(`[(,]\\s*"${id}"`, "g")];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
}

describe("every built-in rule id code emits", () => {
  const registered = new Set(allRuleIds());
  const emitted = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    for (const ruleId of emittedIds(readFileSync(file, "utf8"))) emitted.set(ruleId, [...(emitted.get(ruleId) ?? []), relative(repo, file)]);
  }

  it("finds the ids of every stage (the scan itself works)", () => {
    for (const id of ["io/unreadable", "layout/duplicate-model", "helm/template", "helm/skipped", "render/hand-written", "config/unknown-rule", "config/placeholder-repo-url", "manifest/yaml", "capacity/does-not-fit", "yaml/syntax"]) {
      expect(emitted.has(id), id).toBe(true);
    }
    expect(emittedIds('export const ROLLOUT_ANNOTATION = "config/refresh";')).toEqual([]);
  });

  it("is registered in allRules()", () => {
    const unregistered = [...emitted].filter(([id]) => !registered.has(id)).map(([id, files]) => `${id} (${[...new Set(files)].join(", ")})`);
    expect(unregistered).toEqual([]);
  });

  it("is documented on its family page, under an anchor named after it", () => {
    const docs = new Map(allRules().map((r) => [r.id, r.docs]));
    for (const id of [...emitted.keys()].filter((x) => registered.has(x))) {
      const [page, anchor] = docs.get(id)!.split("#");
      expect(readFileSync(join(repo, page!), "utf8"), id).toContain(`\n## ${anchor}\n`);
    }
  });

  it("includes render's drift ids, which are built from the drift kind", () => {
    for (const kind of ["missing", "changed", "stale"] as const) {
      expect(registered.has(driftProblem({ kind, path: "charts/x/Chart.yaml" }).ruleId), kind).toBe(true);
    }
  });
});
