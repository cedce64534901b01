import { inspectValues, type FlagSpec, type ServerBuild } from "@llmchart/policy";
import { formatBinaryBytes, formatPath, parseQuantity, type PathSegment, type SourceFile } from "@llmchart/schema";
import { isScalar, isSeq, type Node } from "yaml";
import type { ProjectContext } from "./backend.js";
import { fileBuild, runsLine } from "./build.js";
import { FLAG_DESCRIPTIONS } from "./flag-docs.js";
import { flagStatus, valueChange } from "./flag-status.js";
import { dataAt, nodeAt, schemaAt } from "./yaml-context.js";

/** A hover's markdown and the offsets of what it describes. */
export interface HoverResult {
  markdown: string;
  range: [number, number];
}

/** The name the notes are keyed by: the first long spelling (`--threads`). */
export function canonicalName(spec: FlagSpec): string {
  return spec.names.find((n) => n.startsWith("--")) ?? spec.names[0] ?? "";
}

function valueType(spec: FlagSpec): string {
  if (!spec.takesValue) return "switch (no value)";
  if (spec.allowedValues) return `one of ${spec.allowedValues.map((v) => `\`${v}\``).join(", ")}`;
  if (spec.integer) return `integer${spec.valueHint ? ` (\`${spec.valueHint}\`)` : ""}`;
  return spec.valueHint ? `\`${spec.valueHint}\`` : "a value";
}

function envLine(spec: FlagSpec): string {
  if (!spec.env) return "none";
  return `\`${spec.env}\`${spec.envNegated ? ` (negated: \`${spec.envNegated}\`)` : ""}`;
}

/**
 * A flag spelling (or, with `env`, a variable) as the file's build knows it, in markdown: what
 * it does, its value and default, its variable, its status in that build ("deprecated since
 * b10105: use --load-mode mlock", "not in this file's build b4719: added in b6723"), and the build.
 */
export function describeFlag(name: string, build: ServerBuild, env?: { negated: boolean }): string {
  const spec = env ? build.flags.findEnv(name)?.spec : build.flags.find(name);
  const status = flagStatus(name, build, spec);
  if (!spec) return [`**\`${name}\`** — ${status}.`, "", runsLine(build)].join("\n");
  const lines = [`**${spec.names.map((n) => `\`${n}\``).join(", ")}**`, ""];
  if (spec.help) lines.push(spec.help, "");
  const note = FLAG_DESCRIPTIONS[canonicalName(spec)];
  if (note) lines.push(note, "");
  const changed = valueChange(name, spec, build);
  lines.push(`- Value: ${valueType(spec)}${changed ? ` (${changed})` : ""}`);
  lines.push(`- Default: ${spec.default !== null ? `\`${spec.default}\`` : "none stated"}`);
  lines.push(`- Environment variable: ${envLine(spec)}`);
  lines.push(`- In b${build.requested ?? build.number}: ${status}`);
  lines.push("", runsLine(build));
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
  const value = parseQuantity(raw, path[2] === "cpu" ? "cpu" : "bytes");
  if (value === undefined) return undefined;
  const insight = inspectValues(source, { config: ctx.config, ...(ctx.chartDefaults ? { chartDefaults: ctx.chartDefaults } : {}), modelLock: ctx.modelLock });
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
  const lines = [`**${where}: ${raw}** = ${value} bytes (${formatBinaryBytes(value)})`, ""];
  const need = insight.memory;
  if (!need) {
    lines.push("The model's size is unknown (no quantisation or parameter count in model.filename / model.repoId), so there is no memory estimate.");
    return lines.join("\n");
  }
  lines.push(`Estimated need for this model: **${formatBinaryBytes(need.memoryBytes)}**`);
  // The estimate's own terms, as lint's messages and capacity's table itemise them.
  lines.push("", ...need.parts.map((p) => `- ${p.detail}`), "");
  if (path[1] === "limits") {
    lines.push(value >= need.memoryBytes ? `The limit covers the estimate with ${formatBinaryBytes(value - need.memoryBytes)} to spare.` : `The limit is **${formatBinaryBytes(need.memoryBytes - value)} short** of the estimate: the pod risks being OOM-killed.`);
  } else {
    lines.push(value >= need.memoryBytes ? "The request covers the estimate." : `The request is ${formatBinaryBytes(need.memoryBytes - value)} below the estimate; requests equal to limits give Guaranteed QoS.`);
  }
  return lines.join("\n");
}

/** A scalar of `extraArgs`: the flag it is, or the flag whose value it is, as the file's build knows it. */
function describeArg(source: SourceFile, index: number, text: string, ctx: ProjectContext): string | undefined {
  const build = fileBuild(source, ctx);
  if (text.startsWith("-")) return describeFlag(text.split("=")[0]!, build);
  const list = source.doc.get("extraArgs", true);
  const prev = isSeq(list) && index > 0 ? scalarText(list.items[index - 1] as Node) : undefined;
  return prev?.startsWith("-") && build.flags.find(prev)?.takesValue ? `Value of \`${prev}\`\n\n${describeFlag(prev, build)}` : undefined;
}

/** The `name` of an `extraEnv` entry: the variable as the file's build reads it (any `LLAMA_ARG_*`, known or not). */
function describeEnv(source: SourceFile, name: string, ctx: ProjectContext): string | undefined {
  const build = fileBuild(source, ctx);
  const env = build.flags.findEnv(name);
  return env || name.startsWith("LLAMA_ARG_") ? describeFlag(name, build, { negated: env?.negated ?? false }) : undefined;
}

/** The markdown for a scalar value at `path`, when there is more to say than the schema. */
function describeValue(source: SourceFile, path: PathSegment[], text: string, ctx: ProjectContext): string | undefined {
  if (path[0] === "extraArgs" && typeof path[1] === "number" && path.length === 2) return describeArg(source, path[1], text, ctx);
  if (path[0] === "extraEnv" && path[2] === "name" && path.length === 3) return describeEnv(source, text, ctx);
  if (path[0] === "resources" && (path[1] === "limits" || path[1] === "requests") && (path[2] === "memory" || path[2] === "cpu")) return describeQuantity(source, path, text, ctx);
  return undefined;
}

/** What to show when hovering `offset` of a values file. */
export function hoverAt(source: SourceFile, offset: number, ctx: ProjectContext): HoverResult | undefined {
  const at = nodeAt(source.doc, offset);
  if (!at?.node.range) return undefined;
  const range: [number, number] = [at.node.range[0], at.node.range[1]];
  const text = scalarText(at.node);
  const value = !at.isKey && text !== undefined ? describeValue(source, at.path, text, ctx) : undefined;
  const md = value ?? describeKey(at.path, ctx);
  return md ? { markdown: md, range } : undefined;
}
