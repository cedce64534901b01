// Shared by gen-types.mjs and the drift test: how the committed types are produced.
import { compile } from "json-schema-to-typescript";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const schemaFile = join(pkgDir, "..", "..", "schemas", "values.schema.json");
export const typesFile = join(pkgDir, "src", "values.generated.ts");

export async function generateValuesTypes() {
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  return compile(schema, "Values", {
    bannerComment:
      "/* generated from schemas/values.schema.json by `pnpm --filter @llmchart/schema gen:types` — do not edit */",
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: false, printWidth: 100 },
    unreachableDefinitions: false,
  });
}
