// "Lint clean means Helm renders and Kubernetes accepts", property-based: values files are
// generated from the values schema (the Kubernetes-typed keys through their generated
// definitions, labels, annotations), then mutated (a misspelt or unknown field, a wrong type, a
// bad label key, an octal Helm reads as a number, a removed required value). Every file that
// `llmchart lint` passes without errors must render with real Helm, and the rendered manifests
// must pass the strict manifest check (no field Kubernetes does not know). The files are linted
// in one run and only the clean ones go to Helm. The seed is printed; FC_SEED=<n> replays a run,
// FC_RUNS=<n> changes its size.
import { helmTemplate, validateManifests } from "@llmchart/manifests";
import { valuesSchema } from "@llmchart/schema";
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Document, parse } from "yaml";
import { helmBin, runCli } from "./helpers.js";
import { compactProblems, expectNoCrash, tempDirs } from "./hostile-support.js";

const temp = tempDirs();
const VALUES = "infra/apps/llm/values";
const CHART = "infra/apps/llm/charts/llama-cpp";
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FC_RUNS ?? 300);
/** Written in place of a generated octal, then turned into a plain `0o17` in the file's text. */
const OCTAL = "__llmchart_octal__";

type Schema = Record<string, unknown>;
const root = valuesSchema;

function resolve(node: unknown): Schema {
  let s = node as Schema | undefined;
  for (let i = 0; i < 10 && typeof s?.$ref === "string"; i++) s = (root.definitions as Record<string, Schema>)[s.$ref.replace("#/definitions/", "")];
  return s ?? {};
}

/** Properties of a schema with its allOf branches (the Kubernetes definition) folded in; the schema's own win. */
function propertiesOf(node: Schema): { properties: Record<string, Schema>; required: string[] } {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>((node.required as string[] | undefined) ?? []);
  for (const branch of (node.allOf as unknown[] | undefined) ?? []) {
    const b = propertiesOf(resolve(branch));
    Object.assign(properties, b.properties);
    b.required.forEach((r) => required.add(r));
  }
  Object.assign(properties, (node.properties as Record<string, Schema> | undefined) ?? {});
  return { properties, required: [...required] };
}

const WORDS = ["llm-node", "true", "a", "example.com/tier", "kubernetes.io/hostname", "In", "0", "x1"];
const labelKey = fc.constantFrom("llm-node", "example.com/team", "app.kubernetes.io/part-of", "tier");
const labelValue = fc.constantFrom("true", "ml", "a-b.c", "");

/** Data for a schema: mostly valid, a few levels deep, with the required fields present. */
function fromSchema(raw: unknown, depth: number): fc.Arbitrary<unknown> {
  const $ref = (raw as Schema | undefined)?.$ref;
  const ref = typeof $ref === "string" ? $ref.split("/").pop() : undefined;
  if (ref === "labels") return fc.dictionary(labelKey, labelValue, { maxKeys: 2 });
  if (ref === "annotations") return fc.dictionary(labelKey, fc.constantFrom("x", "a b", "{{ not a template }}"), { maxKeys: 2 });
  if (ref === "quantity") return fc.constantFrom("1", "500m", "1Gi");
  const s = resolve(raw);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  const { properties, required } = propertiesOf(s);
  if (type === "object" || Object.keys(properties).length) {
    if (depth <= 0) return fc.constant({});
    const keys = Object.keys(properties);
    if (!keys.length) {
      const extra = s.additionalProperties;
      return extra && typeof extra === "object" ? fc.dictionary(labelKey, fromSchema(extra, depth - 1), { maxKeys: 2 }) : fc.constant({});
    }
    const optional = keys.filter((k) => !required.includes(k));
    return fc
      .tuple(fc.subarray(optional, { maxLength: Math.min(3, optional.length) }), fc.constant(required))
      .chain(([some, must]) => fc.record(Object.fromEntries([...must, ...some].map((k) => [k, fromSchema(properties[k], depth - 1)]))));
  }
  if (type === "array") return fc.array(fromSchema(s.items, depth - 1), { maxLength: 2 });
  if (type === "integer") return fc.integer({ min: typeof s.minimum === "number" ? s.minimum : 0, max: typeof s.maximum === "number" ? Math.min(s.maximum, 3600) : 3600 });
  if (type === "number") return fc.integer({ min: 0, max: 100 });
  if (type === "boolean") return fc.boolean();
  if (type === "string") {
    if (typeof s.pattern === "string") {
      const re = new RegExp(s.pattern);
      const fits = WORDS.filter((w) => re.test(w) && (typeof s.minLength !== "number" || w.length >= s.minLength));
      return fits.length ? fc.constantFrom(...fits) : fc.constant("/x");
    }
    return fc.constantFrom(...WORDS);
  }
  return fc.constant("x");
}

/** The keys generated from the schema: every Kubernetes-typed one and the label and annotation maps. */
const KEYS = ["affinity", "tolerations", "nodeSelector", "podSecurityContext", "securityContext", "extraEnv", "extraVolumes", "extraVolumeMounts", "topologySpreadConstraints", "imagePullSecrets", "podAnnotations", "podLabels"];

type Mutation = (values: Record<string, unknown>, pick: number) => void;

/** Every mapping inside a value, with the path to it (for mutations that pick one). */
function mappings(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((v) => mappings(v, out));
  else if (value && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => mappings(v, out));
  }
  return out;
}

const MUTATIONS: Record<string, Mutation> = {
  misspell(values, pick) {
    const maps = mappings(values).filter((m) => Object.keys(m).length);
    const m = maps[pick % maps.length]!;
    const key = Object.keys(m)[pick % Object.keys(m).length]!;
    const typo = key.length > 2 ? key.slice(0, 1) + key.slice(2) : `${key}x`;
    m[typo] = m[key];
    Reflect.deleteProperty(m, key);
  },
  unknownField(values, pick) {
    const maps = mappings(values);
    maps[pick % maps.length]!.bogusField = "x";
  },
  wrongType(values, pick) {
    const maps = mappings(values).filter((m) => Object.keys(m).length);
    const m = maps[pick % maps.length]!;
    const key = Object.keys(m)[pick % Object.keys(m).length]!;
    m[key] = typeof m[key] === "string" ? 7 : "seven";
  },
  badLabelKey(values, pick) {
    const keys = ["", "a\nb", "x".repeat(300), "-leading", "UPPER.example.com/x", `${"p".repeat(254)}/n`];
    const target = pick % 2 ? "nodeSelector" : "podAnnotations";
    values[target] = { ...(values[target] as object | undefined), [keys[pick % keys.length]!]: "true" };
  },
  octal(values) {
    values.podAnnotations = { ...(values.podAnnotations as object | undefined), perm: OCTAL };
  },
  dropRequired(values, pick) {
    const model = { ...(values.model as Record<string, unknown>) };
    Reflect.deleteProperty(model, pick % 2 ? "filename" : "repoId");
    values.model = model;
  },
};

let dir: string;
let seedValues: Record<string, unknown>;

beforeAll(() => {
  dir = temp.layout();
  seedValues = parse(readFileSync(join(dir, VALUES, "phi2.yaml"), "utf8")) as Record<string, unknown>;
});

const generated = fc
  .record({
    sections: fc.subarray(KEYS, { minLength: 1, maxLength: 4 }).chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema((root.properties as Record<string, unknown>)[k], 5)])))),
    mutation: fc.option(fc.constantFrom(...Object.keys(MUTATIONS)), { freq: 2, nil: undefined }),
    pick: fc.nat(1000),
  })
  .map(({ sections, mutation, pick }) => {
    const values: Record<string, unknown> = { ...structuredClone(seedValues), ...(sections as object) };
    if (mutation) MUTATIONS[mutation]!(values, pick);
    const text = new Document(values, { version: "1.1" }).toString({ lineWidth: 0 }).replace(new RegExp(`"?${OCTAL}"?`, "g"), "0o17");
    return { text, mutation };
  });

async function pool<T>(items: readonly T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await each(items[next++]!);
  }));
}

describe("lint clean means Helm renders and Kubernetes accepts", () => {
  it(`holds for ${RUNS} values files generated from the schema, with mutations (FC_SEED=${SEED})`, async () => {
    console.log(`property-helm: FC_SEED=${SEED} FC_RUNS=${RUNS}`);
    const cases = fc.sample(generated, { seed: SEED, numRuns: RUNS });
    const files = cases.map((c, i) => {
      const rel = `${VALUES}/prop-${i}.yaml`;
      writeFileSync(join(dir, rel), c.text);
      return rel;
    });
    const r = await runCli(["lint", "--format", "compact", ...files], dir);
    expectNoCrash(r);
    expect([0, 1], r.stderr).toContain(r.code);
    const failed = new Set(compactProblems(r.stdout).filter((p) => p.severity === "error").map((p) => p.file));
    const clean = files.filter((f) => !failed.has(f));

    // Each mutation must be caught at least once, or the generator stopped testing what it claims.
    const caught = new Set(cases.filter((c, i) => c.mutation && failed.has(files[i]!)).map((c) => c.mutation));
    for (const m of Object.keys(MUTATIONS)) if (cases.some((c) => c.mutation === m)) expect(caught, `mutation ${m} never refused`).toContain(m);

    const broken: string[] = [];
    await pool(clean, 2, async (rel) => {
      const release = `llm-${rel.replace(/^.*\/|\.yaml$/g, "")}`;
      const h = await helmTemplate(helmBin, { chartDir: join(dir, CHART), release, namespace: "llm", valuesFiles: [join(dir, rel)], timeoutMs: 30_000 });
      const text = readFileSync(join(dir, rel), "utf8");
      if (h.code !== 0) {
        broken.push(`${rel}: helm template failed on a lint-clean file:\n${h.stderr}\n---\n${text}`);
        return;
      }
      const errors = validateManifests(h.stdout, `${release} (rendered)`, { strict: true }).filter((p) => p.severity === "error");
      if (errors.length) broken.push(`${rel}: rendered manifests fail the strict check:\n${errors.map((p) => `${p.line}:${p.column} ${p.ruleId} ${p.message}`).join("\n")}\n---\n${text}`);
    });
    console.log(`property-helm: ${clean.length} lint-clean files rendered and checked strictly, ${failed.size} refused by lint; mutations refused: ${[...caught].sort().join(", ")}`);
    expect(broken.slice(0, 3).join("\n\n"), `FC_SEED=${SEED}`).toBe("");
    // The property says nothing unless both sides are well represented.
    expect(clean.length).toBeGreaterThan(RUNS / 10);
    expect(failed.size).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
