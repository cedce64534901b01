// What must survive when llmchart takes over a hand-written chart, read from `helm template`
// output: the facts a running cluster and its users depend on.
import { parseAllDocuments } from "yaml";

type K8s = Record<string, unknown>;

/** The parts of the rendered objects read here: what the seed's chart writes. */
interface Container {
  name: string;
  args?: unknown[];
  ports: Array<{ name?: string; containerPort: number }>;
  resources?: K8s;
}
interface PodSpec {
  containers: Container[];
  nodeSelector?: Record<string, string>;
  tolerations?: K8s[];
}
interface Deployment {
  kind: "Deployment";
  metadata: { name: string };
  spec: { selector: { matchLabels: Record<string, string> }; template: { spec: PodSpec } };
}
interface Service {
  kind: "Service";
  metadata: { name: string };
  spec: { selector: Record<string, string>; ports: Array<{ port: number; targetPort?: number | string }> };
}

/** Server flags compared between the old and the new chart. */
export const SERVER_FLAGS = ["-m", "-c", "-t", "--port", "--host"] as const;

export interface ReleaseFacts {
  deploymentName: string;
  serviceName: string;
  /** Deployment spec.selector.matchLabels: immutable in Kubernetes, so it must not change. */
  selectorLabels: Record<string, string>;
  /** Service spec.selector: which pods get the traffic. */
  serviceSelector: Record<string, string>;
  servicePort: number;
  /** The container port the Service's targetPort resolves to (undefined when no container port has its name). */
  targetPort: number | undefined;
  nodeSelector: Record<string, string>;
  tolerations: K8s[];
  resources: K8s;
  /** The value of each of SERVER_FLAGS in the server container's args (the last occurrence wins, as in llama-server). */
  serverArgs: Record<(typeof SERVER_FLAGS)[number], string | undefined>;
}

function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === flag) value = args[i + 1];
    else if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
  });
  return value;
}

/**
 * The facts of one release from `helm template` output. Throws when the output has no
 * Deployment, no Service or no container named `server` (the seed's container name).
 */
export function releaseFacts(helmTemplateOutput: string): ReleaseFacts {
  const docs = parseAllDocuments(helmTemplateOutput)
    .map((d) => (Array.isArray(d) ? null : (d.toJS() as K8s | null)))
    .filter((d): d is K8s => !!d && typeof d === "object");
  const deployment = docs.find((d): d is K8s & Deployment => d.kind === "Deployment");
  const service = docs.find((d): d is K8s & Service => d.kind === "Service");
  if (!deployment || !service) throw new Error(`helm template rendered no ${deployment ? "Service" : "Deployment"}`);
  const pod = deployment.spec.template.spec;
  const server = pod.containers.find((c) => c.name === "server");
  if (!server) throw new Error("the Deployment has no container named server");
  const args = (server.args ?? []).map(String);
  const port = service.spec.ports[0]!;
  const target = typeof port.targetPort === "number" ? port.targetPort : server.ports.find((p) => p.name === (port.targetPort ?? port.port))?.containerPort;
  return {
    deploymentName: deployment.metadata.name,
    serviceName: service.metadata.name,
    selectorLabels: deployment.spec.selector.matchLabels,
    serviceSelector: service.spec.selector,
    servicePort: port.port,
    targetPort: target,
    nodeSelector: pod.nodeSelector ?? {},
    tolerations: pod.tolerations ?? [],
    resources: server.resources ?? {},
    serverArgs: Object.fromEntries(SERVER_FLAGS.map((f) => [f, flagValue(args, f)])) as ReleaseFacts["serverArgs"],
  };
}

/** What an Argo CD Application must keep: where it deploys from and to, and how it syncs. */
export interface ApplicationFacts {
  name: string;
  project: string;
  /** repoURL without a trailing `.git` or `/`: Argo CD clones both the same. */
  repo: string;
  targetRevision: string;
  chartPath: string;
  /** The values files, resolved against the chart path (repo-relative). */
  valueFiles: string[];
  releaseName: string;
  destination: K8s;
  syncPolicy: K8s | undefined;
}

/** The parts of an Argo CD Application read here. */
interface Application {
  metadata: { name: string };
  spec: {
    project: string;
    source: { repoURL: string; path: string; targetRevision: string; helm?: { valueFiles?: string[]; releaseName?: string } };
    destination: K8s;
    syncPolicy?: K8s;
  };
}

export function applicationFacts(doc: K8s): ApplicationFacts {
  const { metadata, spec } = doc as K8s & Application;
  const source = spec.source;
  const chartPath = source.path.replace(/\/+$/, "");
  const resolve = (p: string) => {
    const parts: string[] = [];
    for (const seg of `${chartPath}/${p}`.split("/")) {
      if (seg === "..") parts.pop();
      else if (seg && seg !== ".") parts.push(seg);
    }
    return parts.join("/");
  };
  return {
    name: metadata.name,
    project: spec.project,
    repo: source.repoURL.replace(/\/+$/, "").replace(/\.git$/, ""),
    targetRevision: source.targetRevision,
    chartPath,
    valueFiles: (source.helm?.valueFiles ?? []).map(resolve),
    releaseName: source.helm?.releaseName ?? metadata.name,
    destination: spec.destination,
    syncPolicy: spec.syncPolicy,
  };
}
