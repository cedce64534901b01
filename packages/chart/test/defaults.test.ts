// Chart-wide defaults from llmchart.config.yaml (`defaults:`) and the "" = unset convention,
// through real Helm.
import { defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { chartValues, renderChart } from "../src/index.js";
import { validateManifests } from "@llmchart/manifests";
import { find, pool, template, writeChart, type EnvVarSource, type K8sObject, type PodSpec } from "./support.js";

const MODEL = { model: { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" } };

const config: ResolvedConfig = {
  ...defaultConfig,
  defaults: {
    nodeSelector: { "llm-node": "true" },
    tolerations: [{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }],
    strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    progressDeadlineSeconds: 3600,
    resources: { requests: { cpu: "1", memory: "2Gi" } },
  },
};

function pod(docs: K8sObject[]): PodSpec {
  return find(docs, "Deployment")!.spec.template.spec;
}

describe("defaults: chart-wide values from the config", () => {
  let chart: string;
  beforeAll(() => {
    chart = writeChart(config);
  });

  it("go into values.yaml over the schema defaults, merged as Helm merges", () => {
    const values = parse(readFileSync(join(chart, "values.yaml"), "utf8")) as Record<string, unknown>;
    expect(values.nodeSelector).toEqual({ "llm-node": "true" });
    expect(values.tolerations).toEqual([{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    // The schema's strategy.type default survives next to the configured rollingUpdate.
    expect(values.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(values.progressDeadlineSeconds).toBe(3600);
    expect(values.resources).toEqual({ requests: { cpu: "1", memory: "2Gi" } });
    expect(chartValues(config).progressDeadlineSeconds).toBe(3600);
  });

  it("apply to a model that says nothing about them", async () => {
    const r = await template(chart, [MODEL]);
    expect(r.code, r.stderr).toBe(0);
    const deployment = find(r.docs, "Deployment")!;
    expect(pod(r.docs).nodeSelector).toEqual({ "llm-node": "true" });
    expect(pod(r.docs).tolerations).toEqual([{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(deployment.spec.progressDeadlineSeconds).toBe(3600);
  });

  it("yield to a values file: maps key by key, lists whole", async () => {
    const r = await template(chart, [{ ...MODEL, nodeSelector: { zone: "a" }, tolerations: [] }]);
    expect(r.code, r.stderr).toBe(0);
    expect(pod(r.docs).nodeSelector).toEqual({ "llm-node": "true", zone: "a" });
    expect(pod(r.docs).tolerations).toBeUndefined();
  });

  it("touch only values.yaml and the README's values reference", () => {
    const plain = new Map(renderChart(defaultConfig).map((f) => [f.path, f.content]));
    const changed = renderChart(config).filter((f) => plain.get(f.path) !== f.content).map((f) => f.path);
    expect(changed).toEqual(["infra/apps/llm/charts/llama-cpp/README.md", "infra/apps/llm/charts/llama-cpp/values.yaml"]);
  });
});

describe('"" means unset in the chart', () => {
  let chart: string;
  beforeAll(() => {
    chart = writeChart(defaultConfig);
  });

  it("an empty image repository, tag or pull policy falls back to the pinned image", async () => {
    const r = await template(chart, [{ ...MODEL, image: { repository: "", tag: "", digest: "", pullPolicy: "" }, initDownloader: { image: { repository: "", tag: "" } } }]);
    expect(r.code, r.stderr).toBe(0);
    const spec = pod(r.docs);
    const server = spec.containers.find((c) => c.name === "server")!;
    expect(server.image).toBe(`${defaultConfig.images.server.repository}:${defaultConfig.images.server.tag}`);
    expect(server.imagePullPolicy).toBeUndefined();
    expect(spec.initContainers![0]!.image).toBe(`${defaultConfig.images.downloader.repository}:${defaultConfig.images.downloader.tag}`);
  });

  it("empty overrides, URL, checksum, service type, strategy type and mount path are absent", async () => {
    const r = await template(chart, [
      {
        model: { ...MODEL.model, downloadUrl: "", sha256: "" },
        nameOverride: "",
        fullnameOverride: "",
        service: { type: "" },
        strategy: { type: "" },
        volume: { models: { mountPath: "" } },
        huggingFace: { tokenKey: "" },
      },
    ]);
    expect(r.code, r.stderr).toBe(0);
    const deployment = find(r.docs, "Deployment")!;
    expect(deployment.metadata.name).toBe("llm-test-llama-cpp");
    expect(find(r.docs, "Service")!.spec.type).toBe("ClusterIP");
    expect(deployment.spec.strategy.type).toBe("RollingUpdate");
    const init = pod(r.docs).initContainers![0]!;
    const env = Object.fromEntries(init.env!.map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(env.MODEL_URL).toBe("https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf");
    expect(env.MODEL_PATH).toBe("/models/phi-2.Q4_K_M.gguf");
    expect(env.MODEL_SHA256).toBeUndefined();
    expect((env.HF_TOKEN as EnvVarSource).secretKeyRef!.key).toBe("HUGGING_FACE_HUB_TOKEN");
  });
});

type Schema = Record<string, unknown>;

/** Objects the chart passes to Kubernetes as they are: there "" means what the API makes of it. */
const PASSED_THROUGH = new Set(["tolerations", "affinity", "extraEnv", "extraVolumes", "extraVolumeMounts", "topologySpreadConstraints", "podSecurityContext", "securityContext", "initDownloader.extraEnv", "networkPolicy.ingressFrom", "networkPolicy.egress.to", "autoscaling.behavior"]);

/** Switches on the feature a path belongs to, so its template actually reads the value. */
const ENABLE: Record<string, Record<string, unknown>> = {
  persistence: { persistence: { enabled: true } },
  ingress: { ingress: { enabled: true, tls: [{ secretName: "tls", hosts: ["a.example.com"] }], hosts: [{ host: "a.example.com", paths: [{}] }] } },
  metrics: { metrics: { enabled: true, serviceMonitor: { enabled: true } } },
  networkPolicy: { networkPolicy: { enabled: true, egress: { ports: [{ port: 443 }] } } },
  podDisruptionBudget: { podDisruptionBudget: { enabled: true } },
  autoscaling: { autoscaling: { enabled: true } },
};

function resolveRef(root: Schema, node: unknown): Schema {
  const n = (node ?? {}) as Schema;
  return typeof n.$ref === "string" ? resolveRef(root, (root.definitions as Schema)[n.$ref.replace("#/definitions/", "")]) : n;
}

function optionalStrings(root: Schema, schema: Schema, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [key, raw] of Object.entries((schema.properties as Schema | undefined) ?? {})) {
    const path = [...prefix, key];
    if (PASSED_THROUGH.has(path.join("."))) continue;
    const child = resolveRef(root, raw);
    const isString = child.type === "string" || (child.type === undefined && Array.isArray(child.enum) && child.enum.every((v) => typeof v === "string"));
    if (isString && !required.has(key)) out.push(path);
    if (child.properties) out.push(...optionalStrings(root, child, path));
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isMap(v) && isMap(prev) ? deepMerge(prev, v) : v;
  }
  return out;
}

describe('"" for every optional string: helm template renders valid manifests', () => {
  let chart: string;
  beforeAll(() => {
    chart = writeChart(defaultConfig);
  });

  it("with each one set to \"\" on its own (its feature switched on)", async () => {
    const schema = JSON.parse(readFileSync(join(chart, "values.schema.json"), "utf8")) as Schema;
    // model.filename has no default and the chart requires it: see the next test.
    const paths = optionalStrings(schema, schema).filter((p) => p.join(".") !== "model.filename");
    expect(paths.length).toBeGreaterThan(20);
    const failures: string[] = [];
    await pool(paths, 2, async (path) => {
      const empty = path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), "") as Record<string, unknown>;
      // Without repoId the model needs a downloadUrl to be fetched at all.
      const base = path.join(".") === "model.repoId" ? { model: { ...MODEL.model, downloadUrl: "https://example.org/m.gguf" } } : MODEL;
      const values = deepMerge(deepMerge(base, ENABLE[path[0]!] ?? {}), empty);
      const r = await template(chart, [values]);
      const label = `${path.join(".")}: ""`;
      if (r.code !== 0) return void failures.push(`${label}: ${r.stderr.trim()}`);
      const errors = validateManifests(r.stdout, "rendered.yaml").filter((p) => p.severity === "error");
      if (errors.length) failures.push(`${label}: ${errors.map((e) => e.message).join("; ")}`);
    });
    expect(failures).toEqual([]);
  }, 120_000);

  it('model.filename: "" fails like a missing file name, with the chart\'s message', async () => {
    const empty = await template(chart, [{ model: { ...MODEL.model, filename: "" } }]);
    const missing = await template(chart, [{ model: { repoId: MODEL.model.repoId } }]);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toContain("model.filename is required");
    expect(empty.stderr).toBe(missing.stderr);
  }, 120_000);
});
