#!/usr/bin/env node
// Regenerates src/values.generated.ts from schemas/values.schema.json with
// json-schema-to-typescript. A test fails when the committed file drifts from the schema.
import { writeFileSync } from "node:fs";
import { generateValuesTypes, typesFile } from "./types-source.mjs";

writeFileSync(typesFile, await generateValuesTypes());
console.log(`wrote ${typesFile}`);
