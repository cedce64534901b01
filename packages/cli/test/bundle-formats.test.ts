import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// The bundle leaves out ajv-formats-draft2019 (scripts/bundle.mjs): the Kubernetes and Argo CD
// validators must never name a format beyond ajv-formats' own set and the ones
// @kubernetes-models/validate adds itself. A kubernetes-models upgrade that starts using,
// say, "iri" fails here instead of throwing inside `llmchart check`.
const require = createRequire(import.meta.url);

/** The package folder of `spec`, found from a module it exports (resolved from `from`). */
function packageDir(spec: string, module: string, from = require): string {
  let dir = dirname(from.resolve(`${spec}/${module}`));
  const nameAt = (d: string) => (readdirSync(d).includes("package.json") ? (JSON.parse(readFileSync(join(d, "package.json"), "utf8")) as { name?: string }).name : undefined);
  while (nameAt(dir) !== spec) dir = dirname(dir);
  return dir;
}

/** Every format a package's precompiled validators look up (`formats.int32`, `formats["date-time"]`). */
function formatsUsed(dir: string): Set<string> {
  const used = new Set<string>();
  for (const file of readdirSync(join(dir, "_schemas")).filter((f) => f.endsWith(".mjs"))) {
    for (const m of readFileSync(join(dir, "_schemas", file), "utf8").matchAll(/formats(?:\.([A-Za-z0-9_$]+)|\["([^"]+)"\])/g)) used.add(m[1] ?? m[2]!);
  }
  return used;
}

describe("the bundle's Kubernetes validators", () => {
  it("use only formats the bundle keeps (ajv-formats and @kubernetes-models/validate's own)", () => {
    const models = packageDir("kubernetes-models", "v1/Pod");
    const validateDir = packageDir("@kubernetes-models/validate", "runtime/validation_error", createRequire(join(models, "package.json")));
    const fromValidate = createRequire(join(validateDir, "package.json"));
    const { fullFormats } = fromValidate("ajv-formats/dist/formats.js") as { fullFormats: Record<string, unknown> };
    const ownFormats = readFileSync(join(validateDir, "dist", "formats.mjs"), "utf8");
    const kept = new Set([...Object.keys(fullFormats), ...["byte", "quantity", "string", "cidr"].filter((f) => new RegExp(`\\b${f}:`).test(ownFormats))]);
    const used = new Set([...formatsUsed(models), ...formatsUsed(packageDir("@kubernetes-models/argo-cd", "argoproj.io/v1alpha1/Application"))]);
    expect([...used].sort()).toEqual(expect.arrayContaining(["date-time", "int32", "int64"]));
    expect([...used].filter((f) => !kept.has(f))).toEqual([]);
  });
});
