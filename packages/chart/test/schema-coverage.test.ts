// Every option the values schema offers must change what the chart renders (the seed's chart
// declared extraEnv and never used it), and the schema itself must stay documented and closed.
import { valuesSchema } from "@llmchart/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { pool, template, writeChart } from "./support.js";
import { hasProperties, resolve, type JsonSchema } from "../src/schema-walk.js";

const root = valuesSchema as JsonSchema;
const MODEL = { model: { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" } };

/** Values for options whose shape a schema cannot turn into a sample by itself. */
const SAMPLES: Record<string, unknown> = {
  "image.repository": "registry.example.com/llama.cpp",
  "image.tag": "server-b9999",
  "volume.models.mountPath": "/data",
  "model.repoId": "org/other-GGUF",
  "model.filename": "other.Q8_0.gguf",
  "initDownloader.image.repository": "registry.example.com/curl",
  "initDownloader.image.tag": "8.11.0",
  "tests.image.tag": "8.99.0",
  imagePullSecrets: [{ name: "regcred" }],
  "image.digest": `sha256:${"b".repeat(64)}`,
  "initDownloader.image.digest": `sha256:${"c".repeat(64)}`,
  "model.sha256": "d".repeat(64),
  "model.downloadUrl": "https://example.com/models/phi.gguf?download=1",
  "service.loadBalancerSourceRanges": ["10.0.0.0/8"],
  tolerations: [{ key: "llm-only", operator: "Exists", effect: "NoSchedule" }],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "llm-node", operator: "In", values: ["true"] }] }] } } },
  extraEnv: [{ name: "LLAMA_ARG_THREADS", value: "2" }],
  "initDownloader.extraEnv": [{ name: "HTTPS_PROXY", value: "http://proxy:3128" }],
  extraArgs: ["-c", "2048"],
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }],
  "podSecurityContext.supplementalGroups": [1000],
  "securityContext.capabilities.drop": ["ALL", "NET_RAW"],
  "securityContext.capabilities.add": ["NET_BIND_SERVICE"],
  extraVolumes: [{ name: "keys", secret: { secretName: "api-keys" } }],
  extraVolumeMounts: [{ name: "tmp", mountPath: "/scratch" }],
  "persistence.accessModes": ["ReadWriteMany"],
  "ingress.hosts": [{ host: "phi.example.com" }],
  "ingress.tls": [{ secretName: "phi-tls", hosts: ["phi.example.com"] }],
  "podDisruptionBudget.maxUnavailable": "50%",
  "autoscaling.behavior": { scaleDown: { stabilizationWindowSeconds: 600 } },
  "networkPolicy.ingressFrom": [{ namespaceSelector: { matchLabels: { team: "ai" } } }],
  "networkPolicy.egress.ports": [{ port: 80 }],
  "networkPolicy.egress.to": [{ ipBlock: { cidr: "10.1.0.0/16" } }],
  "tests.image.repository": "example.com/curl",
  nameOverride: "sample-name",
  fullnameOverride: "sample-fullname",
  "serviceAccount.name": "sample-sa",
};

/** Values an option only takes effect under (its parents' `enabled` switches are added automatically). */
const CONTEXT: Record<string, object> = {
  "service.loadBalancerSourceRanges": { service: { type: "LoadBalancer" } },
  "service.loadBalancerClass": { service: { type: "LoadBalancer" } },
  "service.externalTrafficPolicy": { service: { type: "NodePort" } },
  "service.nodePort": { service: { type: "NodePort" } },
  "persistence.storageClass": {},
};

/** Samples by shared definition, for options that reuse one. */
const DEFINITION_SAMPLES: Record<string, unknown> = {
  stringMap: { "llmchart.test/sample": "x" },
  annotations: { "llmchart.test/sample": "x" },
  labels: { "llmchart.test/sample": "x" },
  resourceList: { cpu: "1500m" },
  quantity: "3Gi",
  duration: "1m",
};

interface Leaf {
  path: string[];
  schema: JsonSchema;
  ref: string | undefined;
}

function leaves(node: JsonSchema, path: string[] = []): Leaf[] {
  const props = (node.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props).flatMap(([key, raw]) => {
    const schema = resolve(root, raw);
    const here = [...path, key];
    if (hasProperties(schema)) return leaves(schema, here);
    return [{ path: here, schema, ref: typeof raw.$ref === "string" ? raw.$ref.split("/").pop() : undefined }];
  });
}

function at(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as Record<string, unknown>;
}

/** A value different from the default, or undefined when the test table must supply one. */
function sample(leaf: Leaf): unknown {
  const key = leaf.path.join(".");
  if (key in SAMPLES) return SAMPLES[key];
  const s = leaf.schema;
  const def = s.default;
  if (leaf.ref && leaf.ref in DEFINITION_SAMPLES) return DEFINITION_SAMPLES[leaf.ref];
  if (Array.isArray(s.enum)) return s.enum.find((v) => v !== def && v !== "");
  if (s.type === "boolean") return !(def ?? false);
  if (s.type === "integer") {
    const n = (typeof def === "number" ? def : typeof s.minimum === "number" ? s.minimum : 0) + 1;
    return Array.isArray(s.examples) && typeof s.examples[0] === "number" && s.examples[0] !== def ? s.examples[0] : n;
  }
  if (Array.isArray(s.examples) && s.examples.length && s.examples[0] !== def) return s.examples[0];
  if (s.type === "string" && s.pattern === undefined) return `sample-${leaf.path.at(-1)!.toLowerCase()}`;
  return undefined;
}

/** Turns on every `enabled` switch above the option, e.g. ingress.enabled for ingress.className. */
function enablers(path: readonly string[]): object[] {
  const out: object[] = [];
  let node: JsonSchema = root;
  for (let i = 0; i < path.length - 1; i++) {
    node = resolve(root, (node.properties as Record<string, unknown>)[path[i]!]);
    const props = (node.properties ?? {}) as Record<string, unknown>;
    if ("enabled" in props && path[i + 1] !== "enabled") out.push(at(path.slice(0, i + 1), { enabled: true }));
    if (path[i + 1] === "enabled" && i > 0) continue;
  }
  return out;
}

describe("every values option is rendered", () => {
  const all = leaves(root);
  let chart: string;
  beforeAll(() => {
    chart = writeChart();
  });

  it("has a sample for every option", () => {
    const missing = all.filter((l) => sample(l) === undefined).map((l) => l.path.join("."));
    expect(missing, "add these to SAMPLES").toEqual([]);
  });

  it("changes the helm template output when any single option changes", async () => {
    const baseCache = new Map<string, Promise<string>>();
    const render = async (values: object[]) => {
      const r = await template(chart, [MODEL, ...values]);
      if (r.code !== 0) throw new Error(`helm template failed for ${JSON.stringify(values)}: ${r.stderr}`);
      return r.stdout;
    };
    const results = await pool(all, 2, async (leaf) => {
      const key = leaf.path.join(".");
      const context = [...enablers(leaf.path), CONTEXT[key] ?? {}];
      const contextKey = JSON.stringify(context);
      if (!baseCache.has(contextKey)) baseCache.set(contextKey, render(context));
      const base = await baseCache.get(contextKey)!;
      const changed = await render([...context, at(leaf.path, sample(leaf))]);
      return { key, rendered: changed !== base };
    });
    const ignored = results.filter((r) => !r.rendered).map((r) => r.key);
    expect(ignored, "options that change nothing in the rendered manifests").toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  }, 600_000); // one helm template per values option: minutes on a loaded 2-core runner
});

describe("the values schema", () => {
  const objects: { path: string; schema: JsonSchema }[] = [];
  const visit = (node: JsonSchema, path: string): void => {
    for (const [key, raw] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
      const schema = resolve(root, raw);
      const here = path ? `${path}.${key}` : key;
      objects.push({ path: here, schema });
      if (hasProperties(schema)) visit(schema, here);
      const items = schema.items ? resolve(root, schema.items) : undefined;
      if (items && hasProperties(items)) visit(items, `${here}[]`);
    }
  };
  visit(root, "");

  it("describes every property", () => {
    expect(objects.filter((o) => typeof o.schema.description !== "string" || !o.schema.description).map((o) => o.path)).toEqual([]);
  });

  it("closes the objects the chart owns; only Kubernetes pass-through objects stay open", () => {
    const passThrough = new Set([
      "podSecurityContext",
      "podSecurityContext.seccompProfile",
      "securityContext",
      "securityContext.capabilities",
      "tolerations[]",
      "extraVolumes[]",
      "extraVolumeMounts[]",
      "topologySpreadConstraints[]",
      "topologySpreadConstraints[].labelSelector",
      "networkPolicy.ingressFrom[]",
      "networkPolicy.ingressFrom[].podSelector",
      "networkPolicy.ingressFrom[].namespaceSelector",
      "networkPolicy.ingressFrom[].ipBlock",
      "networkPolicy.egress.to[]",
      "networkPolicy.egress.to[].podSelector",
      "networkPolicy.egress.to[].namespaceSelector",
      "networkPolicy.egress.to[].ipBlock",
    ]);
    const open = objects.filter((o) => hasProperties(o.schema) && o.schema.additionalProperties !== false).map((o) => o.path);
    expect(open.filter((p) => !passThrough.has(p))).toEqual([]);
  });

  it("is draft-07, which Helm 3.10 and ajv agree on", () => {
    expect(root.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });
});
