import type { ResolvedConfig } from "@llmchart/schema";
import { hasProperties, propertiesOf, resolve, typeLabel, type JsonSchema } from "./schema-walk.js";
import { chartValues, chartValuesSchema } from "./values.js";

/**
 * Text safe inside a Markdown table cell: pipes escaped (GitHub honours `\|` even in code
 * spans) and, outside code, `<release>` not taken for an HTML tag.
 */
function cell(text: string, code = false): string {
  const flat = text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
  return code ? flat : flat.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let cur = values;
  for (const p of path) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * The values reference of the chart README: one row per option, in schema order, with its
 * type, its default (what values.yaml sets, images included) and its description.
 */
export function valuesTable(config: ResolvedConfig): string {
  const schema = chartValuesSchema(config);
  const values = chartValues(config);
  const rows: string[] = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |"];
  const visit = (node: JsonSchema, path: string[]): void => {
    const props = node.properties as Record<string, unknown>;
    for (const [key, child] of propertiesOf(schema, node)) {
      const childPath = [...path, key];
      const nested = hasProperties(child);
      const value = valueAt(values, childPath);
      const shown = nested || value === undefined ? "" : `\`${cell(JSON.stringify(value), true)}\``;
      const description = typeof child.description === "string" ? child.description : "";
      rows.push(`| \`${childPath.join(".")}\` | ${cell(typeLabel(schema, props[key]))} | ${shown} | ${cell(description)} |`);
      if (nested) visit(resolve(schema, child), childPath);
    }
  };
  visit(schema, []);
  return rows.join("\n");
}
