import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateAll, PREFIX, valuesSchemaFile } from "../scripts/k8s-definitions.mjs";

describe("generated Kubernetes definitions", () => {
  it("match @kubernetes/client-node and the hand-written values schema (run `pnpm --filter @llmchart/schema gen:k8s`)", async () => {
    for (const [file, expected] of await generateAll()) expect(readFileSync(file, "utf8"), file).toBe(expected);
  });

  it("holds in the values schema only definitions its properties reach", () => {
    const schema = JSON.parse(readFileSync(valuesSchemaFile, "utf8")) as { definitions: Record<string, unknown> };
    const reached = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref" && typeof v === "string") {
            const name = v.replace("#/definitions/", "");
            if (!reached.has(name)) {
              reached.add(name);
              walk(schema.definitions[name]);
            }
          } else if (k !== "definitions") walk(v);
        }
      }
    };
    walk(schema);
    const generated = Object.keys(schema.definitions).filter((k) => k.startsWith(PREFIX));
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.filter((k) => !reached.has(k))).toEqual([]);
  });
});
