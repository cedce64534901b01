import schemaJson from "./generated/values.schema.json" with { type: "json" };
import validate from "./generated/values-validator.js";
import { pointerToSegments, type PathSegment, type SourceFile } from "./source-file.js";
import { SchemaValidator, type CheckedFile } from "./validate.js";

/** The values JSON Schema (draft-07), as shipped in the chart's values.schema.json. */
export const valuesSchema: Record<string, unknown> = schemaJson;

const validator = new SchemaValidator({ schema: valuesSchema, validate, subject: "values", stripNulls: true });
const cache = new WeakMap<SourceFile, CheckedFile>();

/**
 * Schema check of a values file, computed once per SourceFile and shared by every stage
 * (the policy linter reuses `data`). YAML syntax problems stop the schema stage.
 */
export function checkValues(source: SourceFile): CheckedFile {
  let result = cache.get(source);
  if (!result) {
    result = validator.check(source);
    cache.set(source, result);
  }
  return result;
}

/** One raw schema error of plain data: where, which keyword, and ajv's short message ("must be string"). */
export interface DataSchemaError {
  path: PathSegment[];
  keyword: string;
  message: string;
}

/**
 * Validates plain data against the values schema as it is, nulls included — what Helm's own
 * values.schema.json check sees after merging (checkValues strips nulls first, because a null
 * usually deletes a chart default). No positions: callers map paths back to their file.
 */
export function valuesSchemaErrors(data: unknown): DataSchemaError[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({ path: pointerToSegments(e.instancePath, data), keyword: e.keyword, message: e.message ?? e.keyword }));
}
