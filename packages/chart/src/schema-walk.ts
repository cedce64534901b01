/** A JSON Schema node (draft-07), as plain data. */
export type JsonSchema = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The schema with `$ref` followed (local `#/definitions/…` refs only). Keywords next to a
 * `$ref` (description, default, examples) win over the target's: the values schema documents
 * a shared definition differently at each use.
 */
export function resolve(root: JsonSchema, schema: unknown): JsonSchema {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let target: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    target = isObject(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  if (!isObject(target)) throw new Error(`unresolvable $ref ${ref}`);
  const { $ref: _ignored, ...siblings } = schema;
  return { ...resolve(root, target), ...siblings };
}

/** The `properties` of a schema node, resolved, in declaration order. */
export function propertiesOf(root: JsonSchema, schema: JsonSchema): [string, JsonSchema][] {
  const props = schema.properties;
  if (!isObject(props)) return [];
  return Object.entries(props).map(([key, child]) => [key, resolve(root, child)]);
}

/** Whether the node describes a mapping whose keys the schema lists (we recurse into those). */
export function hasProperties(schema: JsonSchema): boolean {
  return isObject(schema.properties) && Object.keys(schema.properties).length > 0;
}

/**
 * The default value a schema node implies: its own `default`, or for a mapping the defaults
 * of its properties (undefined when none has one).
 */
export function defaultsOf(root: JsonSchema, schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (!hasProperties(schema)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of propertiesOf(root, schema)) {
    const d = defaultsOf(root, child);
    if (d !== undefined) out[key] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * A value that shows the shape of a schema node in documentation: its first example, its
 * first enum value, or a neutral value of its type.
 */
export function exampleOf(root: JsonSchema, schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (Array.isArray(schema.examples) && schema.examples.length) return structuredClone(schema.examples[0]);
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== "") ?? schema.enum[0];
  if (hasProperties(schema)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of propertiesOf(root, schema)) out[key] = exampleOf(root, child);
    return out;
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return "";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return {};
  }
}

/** A short human name of a node's type for the values reference ("int or percent", "list of volume"). */
export function typeLabel(root: JsonSchema, raw: unknown): string {
  const ref = isObject(raw) && typeof raw.$ref === "string" ? raw.$ref.split("/").pop() : undefined;
  const schema = resolve(root, raw);
  if (ref === "quantity") return "quantity";
  if (ref === "intOrPercent") return "int or percent";
  if (ref === "stringMap" || ref === "annotations") return "map of string";
  if (ref === "labels") return "map of label";
  if (ref === "resourceList") return "map of quantity";
  if (ref === "duration") return "duration";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = schema.type;
  if (type === "array") {
    const items = schema.items;
    const itemRef = isObject(items) && typeof items.$ref === "string" ? items.$ref.split("/").pop() : undefined;
    if (itemRef) return `list of ${itemRef}`;
    const itemSchema = resolve(root, items);
    if (Array.isArray(itemSchema.enum)) return "list of string";
    return `list of ${Array.isArray(itemSchema.type) ? itemSchema.type.join("/") : itemSchema.type === "object" ? "object" : String(itemSchema.type ?? "any")}`;
  }
  if (Array.isArray(type)) return type.join(" or ");
  if (type === "object" && ref) return ref;
  return typeof type === "string" ? type : "any";
}
