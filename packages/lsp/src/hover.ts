import {
  allowedValues,
  canonicalName,
  findEnv,
  findFlag,
  formatBytes,
  inspectValues,
  isIntegerFlag,
  REPLACEMENTS,
  type FlagSpec,
} from "@llmchart/policy";
import { formatPath, parseQuantity, type PathSegment, type SourceFile } from "@llmchart/schema";
import { isScalar, isSeq, type Node } from "yaml";
import type { ProjectContext } from "./backend.js";
import { FLAG_DESCRIPTIONS } from "./flag-docs.js";
import { dataAt, nodeAt, schemaAt } from "./yaml-context.js";

/** A hover's markdown and the offsets of what it describes. */
export interface HoverResult {
  markdown: string;
  range: [number, number];
}

function pinnedBuild(ctx: ProjectContext): string {
  const s = ctx.config.images.server;
  return `${s.repository}:${s.tag}`;
}

function valueType(spec: FlagSpec): string {
  if (!spec.takesValue) return "switch (no value)";
  const allowed = allowedValues(spec);
  if (allowed) return `one of ${allowed.map((v) => `\`${v}\``).join(", ")}`;
  if (isIntegerFlag(spec)) return `integer${spec.valueHint ? ` (\`${spec.valueHint}\`)` : ""}`;
  return spec.valueHint ? `\`${spec.valueHint}\`` : "a value";
}

/** The flag table's entry for a spelling, as markdown: what it is, its value, its variable, and the pinned build's verdict. */
export function describeFlag(name: string, ctx: ProjectContext, env?: { negated: boolean }): string {
  const spec = env ? findEnv(name)?.spec : findFlag(name);
  const build = pinnedBuild(ctx);
  if (!spec) {
    const instead = REPLACEMENTS[name];
    return `**\`${name}\`** — not an option of the pinned build \`${build}\`${instead ? `: use ${instead}` : ""}.`;
  }
  const lines = [`**${spec.names.map((n) => `\`${n}\``).join(", ")}**`, ""];
  const description = FLAG_DESCRIPTIONS[canonicalName(spec)];
  if (description) lines.push(description, "");
  lines.push(`- Value: ${valueType(spec)}`);
  lines.push(`- Environment variable: ${spec.env ? `\`${spec.env}\`${!spec.takesValue && spec.env.startsWith("LLAMA_ARG_") ? ` (negated: \`${spec.env.replace(/^LLAMA_ARG_/, "LLAMA_ARG_NO_")}\`)` : ""}` : "none"}`);
  if (spec.serverRelevant) lines.push(`- Pinned build \`${build}\`: accepted`);
  else {
    const instead = REPLACEMENTS[name] ?? spec.names.map((n) => REPLACEMENTS[n]).find(Boolean);
    lines.push(`- Pinned build \`${build}\`: **rejected** (removed, or an option of another llama.cpp tool)${instead ? ` — use ${instead}` : ""}`);
  }
  return lines.join("\n");
}

function scalarText(node: Node): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

function oneLineJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 197)}…` : s;
}

function describeKey(path: PathSegment[], ctx: ProjectContext): string | undefined {
  const schema = schemaAt(path);
  if (!schema) return undefined;
  const lines = [`**${formatPath(path)}**`, ""];
  if (typeof schema.description === "string") lines.push(schema.description, "");
  const type = schema.type ?? (Array.isArray(schema.enum) ? "enum" : undefined);
  if (type) lines.push(`- Type: \`${Array.isArray(type) ? type.join(" | ") : String(type)}\``);
  if (Array.isArray(schema.enum)) lines.push(`- One of: ${schema.enum.map((v) => `\`${String(v)}\``).join(", ")}`);
  const chart = ctx.chartDefaults ? dataAt(ctx.chartDefaults, path) : undefined;
  if (chart !== undefined) lines.push(`- Chart default: \`${oneLineJson(chart)}\``);
  else if (schema.default !== undefined) lines.push(`- Default (values schema): \`${oneLineJson(schema.default)}\``);
  return lines.join("\n");
}

function describeQuantity(source: SourceFile, path: PathSegment[], raw: string, ctx: ProjectContext): string | undefined {
  const value = parseQuantity(raw);
  if (value === undefined) return undefined;
  const insight = inspectValues(source, { config: ctx.config, ...(ctx.chartDefaults ? { chartDefaults: ctx.chartDefaults } : {}) });
  const where = formatPath(path);
  if (path[2] === "cpu") {
    const threads = insight.args.value("-t");
    const lines = [`**${where}: ${raw}** = ${value} CPU core${value === 1 ? "" : "s"}`, ""];
    if (path[1] === "limits") {
      lines.push(`llama.cpp does not read the CPU quota: \`-t\` should be ${Math.max(1, Math.floor(value))} (the floor of this limit).`);
      lines.push(threads !== undefined ? `This model runs \`-t ${threads}\`.` : "No `-t` is set: llama-server would start one thread per host core.");
    } else lines.push("What the scheduler reserves; equal to limits.cpu gives Guaranteed QoS.");
    return lines.join("\n");
  }
  const lines = [`**${where}: ${raw}** = ${value} bytes (${formatBytes(value)})`, ""];
  const need = insight.memory;
  if (!need) {
    lines.push("The model's size is unknown (no quantisation or parameter count in model.filename / model.repoId), so there is no memory estimate.");
    return lines.join("\n");
  }
  lines.push(`Estimated need for this model: **${formatBytes(need.memoryBytes)}**`);
  // The estimate's own terms, as lint's messages and capacity's table itemise them.
  lines.push("", ...need.parts.map((p) => `- ${p.detail}`), "");
  if (path[1] === "limits") {
    lines.push(value >= need.memoryBytes ? `The limit covers the estimate with ${formatBytes(value - need.memoryBytes)} to spare.` : `The limit is **${formatBytes(need.memoryBytes - value)} short** of the estimate: the pod risks being OOM-killed.`);
  } else {
    lines.push(value >= need.memoryBytes ? "The request covers the estimate." : `The request is ${formatBytes(need.memoryBytes - value)} below the estimate; requests equal to limits give Guaranteed QoS.`);
  }
  return lines.join("\n");
}

/** What to show when hovering `offset` of a values file. */
export function hoverAt(source: SourceFile, offset: number, ctx: ProjectContext): HoverResult | undefined {
  const at = nodeAt(source.doc, offset);
  if (!at?.node.range) return undefined;
  const range: [number, number] = [at.node.range[0], at.node.range[1]];
  const text = scalarText(at.node);
  const { path } = at;
  if (!at.isKey && text !== undefined && path[0] === "extraArgs" && typeof path[1] === "number" && path.length === 2) {
    if (text.startsWith("-")) return { markdown: describeFlag(text.split("=")[0]!, ctx), range };
    // A flag's value: describe the flag it belongs to.
    const list = source.doc.get("extraArgs", true);
    const prev = isSeq(list) && path[1] > 0 ? scalarText(list.items[path[1] - 1] as Node) : undefined;
    if (prev?.startsWith("-") && findFlag(prev)?.takesValue) return { markdown: `Value of \`${prev}\`\n\n${describeFlag(prev, ctx)}`, range };
  }
  if (!at.isKey && text !== undefined && path[0] === "extraEnv" && path[2] === "name" && path.length === 3) {
    const env = findEnv(text);
    if (env || text.startsWith("LLAMA_ARG_")) return { markdown: describeFlag(text, ctx, { negated: env?.negated ?? false }), range };
  }
  if (!at.isKey && text !== undefined && path[0] === "resources" && (path[1] === "limits" || path[1] === "requests") && (path[2] === "memory" || path[2] === "cpu")) {
    const md = describeQuantity(source, path, text, ctx);
    if (md) return { markdown: md, range };
  }
  const md = describeKey(path, ctx);
  return md ? { markdown: md, range } : undefined;
}
