import { DEFAULT_RENDER_COMMAND, generatedHeader, valuesSchema, type ChartFeatures, type ResolvedConfig } from "@llmchart/schema";
import { Document, Pair, Scalar, stringify, YAMLMap, type Node } from "yaml";
import { defaultsOf, exampleOf, hasProperties, propertiesOf, type JsonSchema } from "./schema-walk.js";

/** The values key each optional feature owns; a feature that is off loses it from the schema. */
export const FEATURE_VALUES: Readonly<Record<keyof ChartFeatures, string>> = {
  ingress: "ingress",
  persistence: "persistence",
  metrics: "metrics",
  podDisruptionBudget: "podDisruptionBudget",
  autoscaling: "autoscaling",
  networkPolicy: "networkPolicy",
  helmTest: "tests",
};

const SOURCES = "schemas/values.schema.json and llmchart.config.yaml";

/**
 * The values schema the chart ships: schemas/values.schema.json without the sections of the
 * features the config leaves out, so Helm rejects values the chart would ignore.
 */
export function chartValuesSchema(config: ResolvedConfig): JsonSchema {
  const schema = structuredClone(valuesSchema) as JsonSchema;
  const props = schema.properties as Record<string, unknown>;
  for (const [feature, key] of Object.entries(FEATURE_VALUES) as [keyof ChartFeatures, string][]) {
    if (!config.features[feature]) delete props[key];
  }
  return schema;
}

/** Helm's coalescing of two value trees: maps merge key by key, anything else (lists too) is replaced. */
function overlay(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in base ? overlay(base[key], value) : structuredClone(value);
  return out;
}

/**
 * The chart's default values: every `default` of the schema, the config's chart-wide
 * `defaults:` over them, and the images from the config. This is what Helm merges a values
 * file over (maps key by key, lists replaced whole).
 */
export function chartValues(config: ResolvedConfig): Record<string, unknown> {
  const schema = chartValuesSchema(config);
  const values = overlay(defaultsOf(schema, schema) ?? {}, config.defaults ?? {}) as Record<string, unknown>;
  const { server, downloader } = config.images;
  values.image = { ...(values.image as object), repository: server.repository, tag: server.tag, ...(server.digest ? { digest: server.digest } : {}) };
  const init = (values.initDownloader ?? {}) as Record<string, unknown>;
  init.image = { ...(init.image as object), repository: downloader.repository, tag: downloader.tag, ...(downloader.digest ? { digest: downloader.digest } : {}) };
  values.initDownloader = init;
  return values;
}

/** values.schema.json as shipped: JSON has no comments, so the header is a `$comment`. */
export function valuesSchemaFile(config: ResolvedConfig, command: string = DEFAULT_RENDER_COMMAND): string {
  const schema = chartValuesSchema(config);
  return JSON.stringify({ $comment: generatedHeader(SOURCES, command), ...schema }, null, 2) + "\n";
}

const WIDTH = 96;

/** Word-wraps a description into comment lines (each starting with a space, as `yaml` expects). */
function commentLines(text: string, indent: number): string[] {
  const width = Math.max(40, WIDTH - indent);
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(` ${line}`);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(` ${line}`);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A mapping node following the schema's property order. Keys with a value get the
 * description as a comment; keys without one are shown commented out, with an example, so
 * values.yaml documents every option in place.
 */
function mapNode(doc: Document, root: JsonSchema, schema: JsonSchema, value: Record<string, unknown>, indent: number): YAMLMap {
  const map = new YAMLMap();
  let pending: string[] = [];
  for (const [key, child] of propertiesOf(root, schema)) {
    const description = typeof child.description === "string" ? commentLines(child.description, indent) : [];
    const v = value[key];
    if (v === undefined) {
      const example = stringify({ [key]: exampleOf(root, child) }, { version: "1.1", lineWidth: 0 }).trimEnd();
      pending.push(...description, ...example.split("\n").map((l) => ` ${l}`));
      // At the top level an empty comment line becomes a blank line between sections.
      if (indent === 0) pending.push("");
      continue;
    }
    const keyNode = new Scalar(key);
    if (indent === 0 && map.items.length > 0) keyNode.spaceBefore = true;
    const lines = [...pending, ...description];
    if (lines.length) keyNode.commentBefore = lines.join("\n");
    pending = [];
    const valueNode: Node =
      isPlainObject(v) && hasProperties(child) && Object.keys(v).length > 0
        ? mapNode(doc, root, child, v, indent + 2)
        : doc.createNode(v);
    map.items.push(new Pair(keyNode, valueNode));
  }
  if (pending.length) map.comment = (indent === 0 ? ["", ...pending] : pending).join("\n").replace(/\n+$/, "");
  return map;
}

/** values.yaml: the defaults, each key commented with its schema description. */
export function valuesYamlFile(config: ResolvedConfig, command: string = DEFAULT_RENDER_COMMAND): string {
  const schema = chartValuesSchema(config);
  // YAML 1.1 because Helm reads values with a YAML 1.1 parser: strings such as "on" or "y"
  // must come out quoted or Helm would read booleans.
  const doc = new Document(undefined, { version: "1.1" });
  doc.contents = mapNode(doc, schema, schema, chartValues(config), 0);
  doc.commentBefore = [
    ` ${generatedHeader(SOURCES, command)}`,
    ` Defaults of the ${config.chart.name} chart. A values file per model overrides them: Helm merges`,
    " maps key by key, replaces lists whole, and a key set to null removes the default.",
  ].join("\n");
  return doc.toString({ lineWidth: 0 });
}
