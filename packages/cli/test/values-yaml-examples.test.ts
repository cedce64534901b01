// Every key the generated chart's values.yaml shows — set, or commented out as an example —
// must work when a user writes it into a values file as shown: it passes the schema, `llmchart
// lint` finds no error, and real `helm template` renders it. Helm charts write `""` for "not
// set" (nameOverride: "", downloadUrl: ""), so those examples must work too.
import { helmTemplate } from "@llmchart/manifests";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { helmBin, layoutCopy, runCli } from "./helpers.js";

type Json = Record<string, unknown>;

const CHART = "infra/apps/llm/charts/llama-cpp";
const VALUES = "infra/apps/llm/values";

/** A model that lints clean on its own, so any problem comes from the example. */
const BASE: Json = {
  resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "12Gi" } },
  model: { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" },
  extraArgs: ["-c", "2048", "-t", "4"],
};

interface Example {
  path: string[];
  value: unknown;
  line: number;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function resolve(schema: Json, node: unknown): Json {
  const n = (node ?? {}) as Json;
  if (typeof n.$ref !== "string") return n;
  return resolve(schema, (schema.definitions as Json)[n.$ref.replace("#/definitions/", "")]);
}

/** The schema node of a values path (mappings only), or undefined. */
function schemaAt(schema: Json, path: readonly string[]): Json | undefined {
  let node: Json = schema;
  for (const key of path) {
    const props = node.properties as Json | undefined;
    if (!props || !(key in props)) return undefined;
    node = resolve(schema, props[key]);
  }
  return node;
}

/**
 * The commented-out examples of values.yaml: a comment whose text is `key: …` for a key the
 * schema knows at that place, plus the indented comment lines that continue it. Prose comments
 * ("Empty: pods of …") name no such key and are skipped.
 */
function commentedExamples(text: string, schema: Json): Example[] {
  const lines = text.split("\n");
  const stack: { indent: number; key: string }[] = [];
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const keyLine = /^(\s*)([A-Za-z][A-Za-z0-9_-]*):/.exec(line);
    if (keyLine && !line.trimStart().startsWith("#")) {
      const indent = keyLine[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      stack.push({ indent, key: keyLine[2]! });
      continue;
    }
    const comment = /^(\s*)# ([A-Za-z][A-Za-z0-9_-]*):( .*)?$/.exec(line);
    if (!comment) continue;
    const indent = comment[1]!.length;
    const parents = stack.filter((s) => s.indent < indent).map((s) => s.key);
    const key = comment[2]!;
    const parent = schemaAt(schema, parents);
    if (!parent || !(key in ((parent.properties as Json | undefined) ?? {}))) continue;
    const block = [line.slice(indent + 2)];
    while (i + 1 < lines.length && new RegExp(`^\\s{${indent}}#( {2,}|\\s*- )`).test(lines[i + 1]!)) block.push(lines[++i]!.slice(indent + 2));
    const value = (parse(block.join("\n")) as Json)[key];
    out.push({ path: [...parents, key], value, line: i + 1 - (block.length - 1) });
  }
  return out;
}

/** Every property the schema has at the places values.yaml shows, that values.yaml does not set. */
function unsetProperties(schema: Json, node: Json, data: unknown, path: string[] = []): string[] {
  const out: string[] = [];
  for (const [key, raw] of Object.entries((node.properties as Json | undefined) ?? {})) {
    const child = resolve(schema, raw);
    const value = isObject(data) ? data[key] : undefined;
    if (value === undefined) out.push([...path, key].join("."));
    else if (isObject(value) && child.properties && Object.keys(value).length) out.push(...unsetProperties(schema, child, value, [...path, key]));
  }
  return out;
}

function withValue(base: Json, path: readonly string[], value: unknown): Json {
  const out = structuredClone(base);
  let cur = out;
  for (const key of path.slice(0, -1)) {
    if (!isObject(cur[key])) cur[key] = {};
    cur = cur[key] as Json;
  }
  cur[path[path.length - 1]!] = structuredClone(value);
  return out;
}

describe("every key values.yaml shows works as shown", () => {
  let dir: string;
  let shown: Json;
  let examples: Example[];
  let schema: Json;

  beforeAll(async () => {
    dir = layoutCopy();
    const rendered = await runCli(["render"], dir);
    expect(rendered.code, rendered.stderr).toBe(0);
    const text = readFileSync(join(dir, CHART, "values.yaml"), "utf8");
    shown = parse(text) as Json;
    schema = JSON.parse(readFileSync(join(dir, CHART, "values.schema.json"), "utf8")) as Json;
    examples = commentedExamples(text, schema);
  }, 120_000);

  it("finds an example for every key values.yaml leaves unset, including the empty-string ones", () => {
    const found = examples.map((e) => e.path.join("."));
    expect(found.sort()).toEqual(unsetProperties(schema, schema, shown).sort());
    for (const key of ["nameOverride", "fullnameOverride", "image.digest", "model.downloadUrl", "model.sha256", "initDownloader.image.digest"]) {
      expect(examples.find((e) => e.path.join(".") === key)?.value, key).toBe("");
    }
  });

  it("passes schema, lint and helm template: the shown values, then each example on its own", async () => {
    const variants: { label: string; file: string; values: Json }[] = [
      // The keys values.yaml sets, all at once and as written.
      { label: "values.yaml as shown", file: "shown.yaml", values: { ...shown, ...BASE, model: { ...(shown.model as Json), ...(BASE.model as Json) } } },
      ...examples.map((e, i) => ({
        label: `${e.path.join(".")}: ${JSON.stringify(e.value)} (values.yaml:${e.line})`,
        file: `example-${String(i).padStart(3, "0")}.yaml`,
        values: withValue(BASE, e.path, e.value),
      })),
    ];
    for (const v of variants) writeFileSync(join(dir, VALUES, v.file), stringify(v.values));

    const files = variants.map((v) => `${VALUES}/${v.file}`);
    const linted = await runCli(["lint", "--format", "json", ...files], dir);
    const problems = JSON.parse(linted.stdout) as { file: string; severity: string; ruleId: string; message: string }[];
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${variants[files.indexOf(p.file)]?.label ?? p.file}: ${p.ruleId} ${p.message}`);
    expect(errors).toEqual([]);
    expect(linted.code, linted.stderr).toBe(0);

    const failures: string[] = [];
    // Two at a time: the machines have two cores.
    let next = 0;
    const worker = async () => {
      while (next < variants.length) {
        const v = variants[next++]!;
        const r = await helmTemplate(helmBin, { chartDir: join(dir, CHART), release: "llm-example", namespace: "llm", valuesFiles: [join(dir, VALUES, v.file)] });
        if (r.code !== 0) failures.push(`${v.label}: ${r.stderr.trim()}`);
      }
    };
    await Promise.all([worker(), worker()]);
    expect(failures).toEqual([]);
  }, 120_000);
});
