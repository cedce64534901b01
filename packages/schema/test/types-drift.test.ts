import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateValuesTypes, typesFile } from "../scripts/types-source.mjs";

describe("generated TypeScript types", () => {
  it("match schemas/values.schema.json (run `pnpm --filter @llmchart/schema gen:types` after a schema change)", async () => {
    const committed = readFileSync(typesFile, "utf8");
    expect(committed.startsWith("/* generated from schemas/values.schema.json")).toBe(true);
    expect(committed).toContain("do not edit");
    expect(committed).toBe(await generateValuesTypes());
  });
});
