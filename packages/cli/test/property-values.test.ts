// Handlebars and YAML injection, property-based: values full of `{{`, `}}`, quotes, colons, `#`,
// line breaks, `---` and unicode either lint with errors (and are not rendered) or lint clean and
// then render with real Helm into manifests that validate, with every such string back as data
// (same keys, same values, same objects) and never as structure. Model names with odd characters
// are refused by `new` and `render`. Failures print fast-check's seed: FC_SEED=<n> replays one, FC_RUNS=<n> runs more.
import { helmTemplate, validateManifests } from "@llmchart/manifests";
import { parseSource, toData } from "@llmchart/schema";
import fc from "fast-check";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Document, parse, parseAllDocuments } from "yaml";
import { helmBin, runCli } from "./helpers.js";
import { compactProblems, expectNoCrash, snapshotTree, tempDirs } from "./hostile-support.js";

const temp = tempDirs();

const VALUES = "infra/apps/llm/values";
const CHART = "infra/apps/llm/charts/llama-cpp";
const params = (numRuns: number) => ({ numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

/** Pieces that mean something to Handlebars, Go templates, YAML or a shell. */
const FRAGMENTS = [
  "{{", "}}", "{{ .Values.model.filename }}", '{{- fail "injected" -}}', "{{{{raw}}}}", "{{/* c */}}",
  '"', "'", ": ", ":", "#", " # c", "\n", "\r\n", "\n---\n", "---", "...", "- ", "? ", "&a ", "*a", "!!str ", "!!binary ",
  "%TAG", "@", "`", "|", ">-", "\\", "\\n", "$(id)", "${HOME}", "[", "]", "{", "}", ",", "null", "~", "true", "no", "on", "y",
  "0x1F", "010", "1e3", "  ", "\t", "é", "日本語", "🦙", "\u200b", "",
];
/** Characters YAML or Helm's reader refuse or read differently: lint must refuse them. */
const REFUSED = ["\u2028", "\u0085", "\u0007", "\u007f", "\u0000", "\ufeff"];
const clean = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) }), { maxLength: 8 })
  .map((parts) => parts.join(""));
const hostile = fc.oneof(
  { weight: 24, arbitrary: clean },
  { weight: 1, arbitrary: fc.tuple(clean, fc.constantFrom(...REFUSED), clean).map(([a, b, c]) => a + b + c) },
);
const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
const annotationKey = fc.oneof(fc.constantFrom("llmchart.test/note", "example.com/a-b", "plain"), hostile.filter((k) => k.length > 0));

interface Generated {
  values: Record<string, unknown>;
  strings: { annotations: Record<string, string>; serviceAnnotations: Record<string, string>; env: string; alias: string; template: string; priorityClassName?: string };
}

let root: string;
let seed: Record<string, unknown>;
let baselineKinds: string[];

const generated: fc.Arbitrary<Generated> = fc
  .record({
    annotations: fc.dictionary(annotationKey, hostile, { maxKeys: 3 }),
    serviceAnnotations: fc.dictionary(annotationKey, hostile, { maxKeys: 2 }),
    env: hostile,
    alias: hostile,
    template: hostile,
    priorityClassName: fc.option(hostile, { nil: undefined }),
    nameOverride: fc.option(fc.oneof({ weight: 4, arbitrary: dnsLabel }, { weight: 1, arbitrary: hostile }), { nil: undefined }),
    serviceAccountName: fc.option(fc.oneof({ weight: 4, arbitrary: dnsLabel }, { weight: 1, arbitrary: hostile }), { nil: undefined }),
  })
  .map((g) => {
    const values: Record<string, unknown> = structuredClone(seed);
    values.podAnnotations = g.annotations;
    values.service = { annotations: g.serviceAnnotations };
    values.extraEnv = [{ name: "LLMCHART_NOTE", value: g.env }];
    values.extraArgs = [...(seed.extraArgs as string[]), "--alias", g.alias, "--chat-template", g.template];
    if (g.priorityClassName !== undefined) values.priorityClassName = g.priorityClassName;
    if (g.nameOverride !== undefined) values.nameOverride = g.nameOverride;
    if (g.serviceAccountName !== undefined) values.serviceAccount = { name: g.serviceAccountName };
    return {
      values,
      strings: {
        annotations: g.annotations,
        serviceAnnotations: g.serviceAnnotations,
        env: g.env,
        alias: g.alias,
        template: g.template,
        ...(g.priorityClassName !== undefined ? { priorityClassName: g.priorityClassName } : {}),
      },
    };
  });

async function template(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return helmTemplate(helmBin, { chartDir: join(root, CHART), release: "llm-prop", namespace: "llm", valuesFiles: [file], timeoutMs: 20_000 });
}

/** The parts of the rendered manifests these tests read. */
interface Manifest {
  kind: string;
  metadata: { annotations?: Record<string, string> };
}
interface Deployment extends Manifest {
  spec: {
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: Array<{ name: string; env?: unknown[]; args: string[] }>; priorityClassName?: string };
    };
  };
}

function kinds(stream: string): Manifest[] {
  return parseAllDocuments(stream)
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
}

beforeAll(async () => {
  root = temp.layout();
  seed = parse(readFileSync(join(root, VALUES, "phi2.yaml"), "utf8")) as Record<string, unknown>;
  const base = await template(join(root, VALUES, "phi2.yaml"));
  expect(base.code, base.stderr).toBe(0);
  baselineKinds = kinds(base.stdout).map((d) => d.kind).sort();
});

describe("values full of template and YAML syntax", () => {
  it("lint without crashing; the clean ones render with real Helm into valid manifests holding the strings as data", async () => {
    let rendered = 0;
    await fc.assert(
      // A YAML 1.2 writer leaves `no` or `010` plain, which Helm reads as false and 8: lint must then refuse it.
      fc.asyncProperty(generated, fc.constantFrom("1.1", "1.2"), async ({ values, strings }, version) => {
        const rel = `${VALUES}/prop.yaml`;
        const text = new Document(values, { version }).toString({ lineWidth: 0 });
        writeFileSync(join(root, rel), text);
        const r = await runCli(["lint", "--quiet", "--format", "compact", rel], root);
        expectNoCrash(r);
        expect([0, 1], r.stderr).toContain(r.code);
        const errors = compactProblems(r.stdout);
        for (const p of errors) expect(p.file).toBe(rel);
        if (errors.length) return; // refused with positioned problems: not rendered

        const h = await template(join(root, rel));
        expect(h.code, `helm template failed on a lint-clean file:\n${h.stderr}\n---\n${text}`).toBe(0);
        expect(validateManifests(h.stdout, "rendered").filter((p) => p.severity === "error")).toEqual([]);
        rendered++;
        // What lint judged: the file read as Helm reads it. Written with YAML 1.1 quoting, that is exactly the strings generated.
        const read = toData(parseSource(rel, text));
        const linted = (read.ok ? read.data : {}) as { podAnnotations?: object; service?: { annotations?: object }; extraEnv: Array<{ value: string }>; extraArgs: unknown[]; priorityClassName?: string };
        const arg = (flag: string) => linted.extraArgs[linted.extraArgs.indexOf(flag) + 1];
        if (version === "1.1") {
          expect(linted.podAnnotations).toEqual(strings.annotations);
          expect([arg("--alias"), arg("--chat-template"), linted.extraEnv[0]!.value]).toEqual([strings.alias, strings.template, strings.env]);
        }

        const docs = kinds(h.stdout);
        expect(docs.map((d) => d.kind).sort(), "no object added or lost").toEqual(baselineKinds);
        const deployment = docs.find((d): d is Deployment => d.kind === "Deployment")!;
        const pod = deployment.spec.template;
        expect(pod.metadata.annotations ?? {}).toEqual(linted.podAnnotations ?? {});
        const service = docs.find((d) => d.kind === "Service")!;
        expect(service.metadata.annotations ?? {}).toEqual(linted.service?.annotations ?? {});
        const server = pod.spec.containers.find((c) => c.name === "server")!;
        expect(server.env).toEqual([{ name: "LLMCHART_NOTE", value: linted.extraEnv[0]!.value }]);
        const args = server.args;
        // The chart passes every argument as text: a boolean or whole number as Helm prints it.
        const asArg = (v: unknown) => (typeof v === "string" ? v : typeof v === "boolean" || Number.isSafeInteger(v) ? String(v) : undefined);
        for (const flag of ["--alias", "--chat-template"]) {
          const want = asArg(arg(flag));
          if (want !== undefined) expect(args[args.indexOf(flag) + 1]).toBe(want);
        }
        if (linted.priorityClassName) expect(pod.spec.priorityClassName).toBe(linted.priorityClassName);
      }),
      params(Number(process.env.FC_RUNS ?? 60)),
    );
    // Many generated files are refused (random annotation keys rarely meet Kubernetes' key
    // syntax); the property says nothing if none reached Helm.
    expect(rendered).toBeGreaterThan(0);
  }, 120_000);
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const oddName = fc
  .oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }), hostile, fc.stringMatching(/^[A-Za-z0-9_.-]{1,30}$/))
  .filter((n) => n.length > 0 && !DNS_LABEL.test(n));

describe("model names with odd characters", () => {
  it("new refuses them with exit 2 and one line, writing nothing", async () => {
    const dir = temp.layout();
    const before = snapshotTree(dir);
    await fc.assert(
      fc.asyncProperty(oddName, async (name) => {
        const r = await runCli(["new", name, "--repo-id", "Qwen/Qwen2.5-7B-Instruct-GGUF", "--file", "qwen2.5-7b-instruct-q4_k_m.gguf"], dir);
        expectNoCrash(r);
        expect(r.code).toBe(2);
        expect(r.stderr.split("\n"), r.stderr).toHaveLength(2);
        expect(r.stderr).toMatch(/^llmchart( new)?: /);
      }),
      params(100),
    );
    expect(snapshotTree(dir)).toEqual(before);
  }, 120_000);

  it("render refuses a values file named after them (exit 1, one line naming it) and writes nothing", async () => {
    const dir = temp.layout();
    const seedText = readFileSync(join(dir, VALUES, "phi2.yaml"));
    const before = snapshotTree(dir);
    const fileName = oddName.filter((n) => !n.includes("/") && !n.includes("\0") && Buffer.byteLength(n) < 200 && n !== "." && n !== "..");
    await fc.assert(
      fc.asyncProperty(fileName, async (name) => {
        const rel = `${VALUES}/${name}.yaml`;
        writeFileSync(join(dir, rel), seedText);
        try {
          const r = await runCli(["render", "--format", "compact"], dir);
          expectNoCrash(r);
          expect(r.code).toBe(1);
          expect(compactProblems(r.stdout).map((p) => [p.ruleId, p.line, p.column])).toEqual([["layout/model-name", 1, 1]]);
        } finally {
          rmSync(join(dir, rel));
        }
        expect(snapshotTree(dir)).toEqual(before);
      }),
      params(60),
    );
  }, 120_000);
});
