import {
  effectiveModel,
  honoursMatchLabelKeys,
  releaseOf,
  releasePodLabels,
  rolloutPods,
  CONSERVATIVE_BYTES_PER_SECOND,
  START_SECONDS,
  type EffectiveModel,
  type EffectiveModelOptions,
  type ValuesInput,
} from "@llmchart/policy";
import { defaultConfig, type NodePool, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { bytes, millicores, poolCapacity, type PoolCapacity, type Resources } from "./nodes.js";
import { antiAffinityTerms, poolVerdict, termSelects, topologyDomain, type AffinityPod, type PoolVerdict } from "./scheduling.js";

/** A CPU/memory pair where either may be unset: CPU in millicores, memory in bytes. */
export interface ResourceAmounts {
  cpu: number | null;
  memory: number | null;
}

/** The itemised memory estimate in bytes (the policy package's `estimateFor` → `estimateMemory`). */
export interface CapacityEstimate {
  memoryBytes: number;
  weightsBytes: number;
  /** KV cache (null when no shape is known at all, counted as 0 in memoryBytes). */
  kvCacheBytes: number | null;
  /** Compute buffers: the graph's (attention scores or logits) and the CPU work buffer; they grow with the context. */
  computeBytes: number;
  /** Null when unbounded (`--cache-ram -1`; counted as 0 in memoryBytes). */
  promptCacheBytes: number | null;
  /** Runtime, HTTP threads and tokenizer. */
  headroomBytes: number;
  /** Where the weights' size comes from: the lock file (pinned), `model.sizeBytes`, or the file name's quantisation × parameters. */
  fileSize: "lock" | "sizeBytes" | "name";
  /** Where the shape behind KV cache and compute comes from: the pinned header, the known-model table, or assumed from the size. */
  shapeBasis: "header" | "table" | "assumed" | null;
  /** The context the KV cache is sized for, and its cache types. */
  kvCtx: number | null;
  kvTypes: { k: string; v: string };
  /** One line for people: "model ~4.1 GiB + KV cache 512 MiB (-c 4096, f16) + …". */
  breakdown: string;
}

/** One pod of a model placed on (or missing from) a node. */
export interface Placement {
  /** `<model>` for a replica, `<model> (surge)` for the extra pod of a rolling update. */
  pod: string;
  surge: boolean;
  pool: string | null;
  node: string | null;
}

export interface ModelCapacity {
  model: string;
  /** The values file, as given. */
  file: string;
  /** What the scheduler reserves per pod (limits stand in for unset requests, as Kubernetes defaults them). */
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  /** Undefined-size models (name tells nothing, no model.sizeBytes) have no estimate. */
  estimate: CapacityEstimate | null;
  /** The pool and node of the first replica, or null when it is not placed. */
  pool: string | null;
  node: string | null;
  /** Every pod (replicas and the rolling update's surge pods) is placed. */
  fits: boolean;
  /** Why not, naming what is missing and what is free. */
  reason?: string;
  /** resources.limits.memory is set and below `estimate.memoryBytes`: the pod will be OOM-killed once the caches fill. */
  limitBelowEstimate: boolean;
  /** Replicas counted (replicaCount, or autoscaling.maxReplicas when the HPA is on). */
  replicas: number;
  /** Extra pods a RollingUpdate creates (maxSurge resolved against the replicas; 0 for Recreate). */
  surge: number;
  placements: Placement[];
  /** `-t` against floor(limits.cpu). */
  threads: { value: number | null; cpuLimit: number | null; ok: boolean };
  /** Which pools the nodeSelector, required node affinity and tolerations allow. */
  allowedPools: PoolVerdict[];
  /** GGUF download at a conservative 5 MB/s, and that plus the start-up allowance; null when the size is unknown or the download is off. */
  downloadSeconds: number | null;
  startupSeconds: number | null;
}

export interface NodeCapacity {
  /** `<pool>-<n>`, 1-based. */
  name: string;
  allocatable: Resources;
  /** Sum of the requests of the pods placed here. */
  used: Resources;
  /** Sum of their limits (unset limits count as the request). */
  limits: Resources;
  free: Resources;
  /** The pods placed here (`phi2`, `phi2 (surge)`), in placement order. */
  models: string[];
  /** The same pods with what each reserves and may use; a surge pod is there only during a rollout. */
  pods: NodePod[];
}

/** One pod on a node. */
export interface NodePod {
  model: string;
  surge: boolean;
  request: Resources;
  limit: Resources;
}

export interface PoolReport {
  name: string;
  capacity: Resources;
  reserved: Resources;
  allocatable: Resources;
  nodes: NodeCapacity[];
}

export interface CapacityReport {
  models: ModelCapacity[];
  pools: PoolReport[];
  /** Every model fits. */
  fits: boolean;
  /** The first model (in packing order) with a pod that could not be placed. */
  firstUnfit: string | null;
}

export interface CapacityModelInput {
  /** The model's name: its values file name without `.yaml`. */
  model: string;
  /** The values file path, for reports and problems. */
  file: string;
  /** The effective model: `effectiveModel(source, { chartDefaults, config })` of `@llmchart/policy`. */
  effective: EffectiveModel;
  /** The parsed values file, so problems can point into it. */
  source?: SourceFile;
}

export interface PlanCapacityOptions {
  models: readonly CapacityModelInput[];
  /** Default: `config.capacity.nodePools`. */
  pools?: readonly NodePool[];
  config?: ResolvedConfig;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The inputs `planCapacity` needs from parsed values files: each file's effective model (the
 * chart defaults merged as Helm merges them, exactly as the policy rules see it), named after
 * the file (`values/phi2.yaml` → `phi2`).
 */
export function capacityInputs(sources: readonly SourceFile[], options: EffectiveModelOptions = {}): CapacityModelInput[] {
  return sources.map((source) => ({
    model: modelName(source.path),
    file: source.path,
    effective: effectiveModel(source, options),
    source,
  }));
}

/** Like `capacityInputs`, for values as plain data (`{ model: "phi2", file, values }`). */
export function capacityInputsFromData(models: readonly { model: string; file: string; values: ValuesInput }[], options: EffectiveModelOptions = {}): CapacityModelInput[] {
  return models.map((m) => ({ model: m.model, file: m.file, effective: effectiveModel(m.values, options) }));
}

/** `infra/apps/llm/values/phi2.yaml` → `phi2`. */
export function modelName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.ya?ml$/, "");
}

interface ContainerResources {
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/** A container's requests and limits; an unset request takes the limit, as the API server defaults it. */
function containerResources(resources: unknown): ContainerResources {
  const r = isRecord(resources) ? resources : {};
  const req = isRecord(r.requests) ? r.requests : {};
  const lim = isRecord(r.limits) ? r.limits : {};
  const limits = { cpu: millicores(lim.cpu) ?? null, memory: bytes(lim.memory) ?? null };
  const requests = { cpu: millicores(req.cpu) ?? limits.cpu, memory: bytes(req.memory) ?? limits.memory };
  return { requests, limits };
}

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Packing is linear in pods × nodes: a replicaCount typo (1000000) must not hang `check`. */
export const MAX_PODS_PER_MODEL = 1000;

/** `4 CPU`, `7.91 CPU`, `500m`. */
export function formatCpu(milli: number): string {
  if (milli % 1000 === 0) return `${milli / 1000} CPU`;
  if (milli < 1000) return `${milli}m CPU`;
  return `${(milli / 1000).toFixed(2).replace(/0+$/, "")} CPU`;
}

/** `12 GiB`, `28.3 GiB`, `512 MiB`. */
export function formatMemory(n: number): string {
  if (n >= GiB) {
    const g = n / GiB;
    return `${Number.isInteger(g) ? g : g.toFixed(1)} GiB`;
  }
  return `${Math.round(n / MiB)} MiB`;
}

interface Pod {
  model: ModelCapacity;
  label: string;
  surge: boolean;
  request: Resources;
  limit: Resources;
  allowed: PoolCapacity[];
  share: number;
  /** Labels, namespace and required anti-affinity terms; a surge pod has the next revision's pod-template-hash. */
  affinity: AffinityPod;
  /** Nodes with room that required pod anti-affinity kept it off, and why. */
  blocked: { node: string; why: string }[];
}

/** A node while packing: its pool's labels and the pods placed so far. */
interface Slot {
  node: NodeCapacity;
  labels: Record<string, string>;
  pods: Pod[];
}

/**
 * Plans where the models' pods would run on the configured node pools, before the first sync:
 * per model its requests and limits against the memory estimate (the policy rules' own
 * `estimateFor`), the pools its nodeSelector / required node affinity / tolerations allow,
 * and a first-fit-decreasing packing — pods sorted by their dominant share (the larger of
 * CPU and memory request relative to the largest node), each put on the first node of the
 * first allowed pool with room for both that no required pod anti-affinity forbids. Every model
 * contributes `replicas` pods plus the surge pods of a rolling update, which need room while the
 * update runs.
 */
export function planCapacity(options: PlanCapacityOptions): CapacityReport {
  const config = options.config ?? defaultConfig;
  const pools = (options.pools ?? config.capacity.nodePools).map(poolCapacity);
  const slots = new Map<string, Slot[]>(
    pools.map((p) => [
      p.pool.name,
      Array.from({ length: p.pool.count }, (_, i) => ({
        node: {
          name: `${p.pool.name}-${i + 1}`,
          allocatable: { ...p.allocatable },
          used: { cpu: 0, memory: 0 },
          limits: { cpu: 0, memory: 0 },
          free: { ...p.allocatable },
          models: [],
          pods: [],
        },
        labels: p.pool.labels,
        pods: [],
      })),
    ]),
  );
  const scale = { cpu: Math.max(1, ...pools.map((p) => p.allocatable.cpu)), memory: Math.max(1, ...pools.map((p) => p.allocatable.memory)) };
  const models: ModelCapacity[] = [];
  const pods: Pod[] = [];
  for (const input of options.models) {
    const planned = modelPods(input, pools, scale, config);
    models.push(planned.model);
    pods.push(...planned.pods);
  }
  const tooMany = models.find((m) => !m.fits)?.model;
  const unfit = pack(pods, slots);
  // Reasons name the room left once packing is done, as the node table shows it.
  for (const pod of unfit) pod.model.reason = unfitReason(pod, pools, slots);
  for (const m of models) m.placements.sort((a, b) => Number(a.surge) - Number(b.surge));
  return {
    models,
    pools: pools.map((p) => ({ name: p.pool.name, capacity: p.capacity, reserved: p.reserved, allocatable: p.allocatable, nodes: slots.get(p.pool.name)!.map((s) => s.node) })),
    fits: models.every((m) => m.fits),
    firstUnfit: tooMany ?? unfit[0]?.model.model ?? null,
  };
}

/** A model's report entry (not yet placed) and its pods: the replicas, then the rollout's surge pods. */
function modelPods(input: CapacityModelInput, pools: readonly PoolCapacity[], scale: Resources, config: ResolvedConfig): { model: ModelCapacity; pods: Pod[] } {
  const values = input.effective.values as Record<string, unknown>;
  const server = containerResources(values.resources);
  const downloading = isRecord(values.model) ? values.model.enabled !== false : true;
  const { request, limit } = podResources(values, server, downloading);
  const est = input.effective.estimate;
  const estimate = capacityEstimate(est);
  const { replicas, surge } = rolloutPods(values);
  const verdicts = pools.map((p) => poolVerdict(p.pool, values));
  const download = downloading && est ? est.fileBytes / CONSERVATIVE_BYTES_PER_SECOND : null;
  const model: ModelCapacity = {
    model: input.model,
    file: input.file,
    requests: server.requests,
    limits: server.limits,
    estimate,
    pool: null,
    node: null,
    fits: true,
    limitBelowEstimate: estimate !== null && server.limits.memory !== null && server.limits.memory < estimate.memoryBytes,
    replicas,
    surge,
    placements: [],
    threads: threadsCheck(input, server),
    allowedPools: verdicts,
    downloadSeconds: download === null ? null : Math.ceil(download),
    startupSeconds: est ? Math.ceil((download ?? 0) + START_SECONDS) : null,
  };
  if (replicas + surge > MAX_PODS_PER_MODEL) {
    model.fits = false;
    model.reason = `${replicas} replicas and ${surge} surge pods are more than capacity plans for one model (${MAX_PODS_PER_MODEL} pods)`;
    return { model, pods: [] };
  }
  const allowed = pools.filter((_, i) => verdicts[i]!.allowed);
  const share = Math.max(request.cpu / scale.cpu, request.memory / scale.memory);
  const { current, next } = rolloutAffinity(input, values, config, surge > 0);
  const pods: Pod[] = Array.from({ length: replicas + surge }, (_, i) => {
    const isSurge = i >= replicas;
    return { model, label: isSurge ? `${input.model} (surge)` : input.model, surge: isSurge, request, limit, allowed, share, affinity: isSurge ? next : current, blocked: [] };
  });
  return { model, pods };
}

/**
 * The pod's request and limit. The request is the larger of its app containers' sum and any init
 * container's (the model downloader runs only when the model is downloaded); a limit is never
 * below the request.
 */
function podResources(values: Record<string, unknown>, server: ContainerResources, downloading: boolean): { request: Resources; limit: Resources } {
  const init = containerResources(isRecord(values.initDownloader) ? values.initDownloader.resources : undefined);
  const request: Resources = {
    cpu: Math.max(server.requests.cpu ?? 0, downloading ? (init.requests.cpu ?? 0) : 0),
    memory: Math.max(server.requests.memory ?? 0, downloading ? (init.requests.memory ?? 0) : 0),
  };
  const limit: Resources = {
    cpu: Math.max(server.limits.cpu ?? request.cpu, request.cpu),
    memory: Math.max(server.limits.memory ?? request.memory, request.memory),
  };
  return { request, limit };
}

/** The memory estimate as the report shows it (absent terms as null). */
function capacityEstimate(est: CapacityModelInput["effective"]["estimate"]): CapacityEstimate | null {
  if (!est) return null;
  return {
    memoryBytes: est.memoryBytes,
    weightsBytes: est.weightsBytes,
    kvCacheBytes: est.kvCacheBytes ?? null,
    computeBytes: est.computeBytes,
    promptCacheBytes: est.promptCacheBytes ?? null,
    headroomBytes: est.headroomBytes,
    fileSize: est.fileSize,
    shapeBasis: est.shapeBasis ?? null,
    kvCtx: est.kvCtx ?? null,
    kvTypes: est.kvTypes,
    breakdown: est.breakdown,
  };
}

/** `-t` against the whole cores of the CPU limit: more threads than cores is not ok. */
function threadsCheck(input: CapacityModelInput, server: ContainerResources): ModelCapacity["threads"] {
  const threadsOpt = input.effective.args.get("-t");
  const threads = threadsOpt?.value !== undefined && /^-?\d+$/.test(threadsOpt.value.trim()) ? Number(threadsOpt.value) : null;
  const cpuLimitCores = server.limits.cpu !== null ? Math.floor(server.limits.cpu / 1000) : null;
  return { value: threads, cpuLimit: cpuLimitCores, ok: threads === null || cpuLimitCores === null || (threads > 0 && threads <= cpuLimitCores) };
}

/**
 * What required pod anti-affinity sees of the model's pods: the replicas' labels, and the surge
 * pods' — a rollout's new pods belong to the next ReplicaSet, another pod-template-hash than the
 * replicas' (the replicas' own when there is no surge).
 */
function rolloutAffinity(input: CapacityModelInput, values: Record<string, unknown>, config: ResolvedConfig, surging: boolean): { current: AffinityPod; next: AffinityPod } {
  const release = releaseOf(input.file, config);
  const labels = releasePodLabels(values, config, release.name);
  const honour = honoursMatchLabelKeys(config.kubernetes.version);
  const affinityOf = (revision: string): AffinityPod => {
    const own = { ...labels, "pod-template-hash": `${release.name}-${revision}` };
    return { labels: own, namespace: release.namespace, antiAffinity: antiAffinityTerms(values, own, release.namespace, honour) };
  };
  const current = affinityOf("current");
  return { current, next: surging ? affinityOf("next") : current };
}

/** First-fit decreasing: the biggest pods first; equal ones by model name so the plan is stable. Returns the first pod of each model that found no node. */
function pack(pods: readonly Pod[], slots: Map<string, Slot[]>): Pod[] {
  const order = [...pods].sort((a, b) => b.share - a.share || (a.model.model < b.model.model ? -1 : a.model.model > b.model.model ? 1 : 0) || Number(a.surge) - Number(b.surge));
  const all = [...slots.values()].flat();
  const anyAffinity = pods.some((p) => p.affinity.antiAffinity.length > 0);
  const unfit: Pod[] = [];
  for (const pod of order) {
    const placed = placeOne(pod, slots, anyAffinity ? all : undefined);
    const m = pod.model;
    if (placed) {
      const n = placed.slot.node;
      n.used.cpu += pod.request.cpu;
      n.used.memory += pod.request.memory;
      n.limits.cpu += pod.limit.cpu;
      n.limits.memory += pod.limit.memory;
      n.free = { cpu: n.allocatable.cpu - n.used.cpu, memory: n.allocatable.memory - n.used.memory };
      n.models.push(pod.label);
      n.pods.push({ model: m.model, surge: pod.surge, request: pod.request, limit: pod.limit });
      placed.slot.pods.push(pod);
      m.placements.push({ pod: pod.label, surge: pod.surge, pool: placed.pool, node: n.name });
      if (m.node === null && !pod.surge) {
        m.pool = placed.pool;
        m.node = n.name;
      }
      continue;
    }
    m.placements.push({ pod: pod.label, surge: pod.surge, pool: null, node: null });
    if (m.fits) {
      m.fits = false;
      unfit.push(pod);
    }
  }
  return unfit;
}

/** The first node of the first allowed pool with room for the pod that no required anti-affinity forbids (`all`: every node, when any pod has such terms). */
function placeOne(pod: Pod, slots: Map<string, Slot[]>, all: readonly Slot[] | undefined): { pool: string; slot: Slot } | undefined {
  for (const p of pod.allowed) {
    for (const slot of slots.get(p.pool.name)!) {
      const n = slot.node;
      if (n.free.cpu < pod.request.cpu || n.free.memory < pod.request.memory) continue;
      const why = all ? antiAffinityConflict(pod, slot, all) : undefined;
      if (why === undefined) return { pool: p.pool.name, slot };
      pod.blocked.push({ node: n.name, why });
    }
  }
  return undefined;
}

/**
 * Why required pod anti-affinity keeps `pod` off the slot's node, or undefined: a term of the
 * pod selects a pod already in the node's topology domain, or a term of such a pod selects it
 * (the scheduler checks both directions).
 */
function antiAffinityConflict(pod: Pod, target: Slot, all: readonly Slot[]): string | undefined {
  const sameDomain = (key: string, other: Slot) => {
    const here = topologyDomain(key, target.node.name, target.labels);
    return here !== undefined && here === topologyDomain(key, other.node.name, other.labels);
  };
  for (const term of pod.affinity.antiAffinity) {
    for (const other of all) {
      if (!sameDomain(term.topologyKey, other)) continue;
      const hit = other.pods.find((p) => termSelects(term, p.affinity));
      if (hit) return `its required pod anti-affinity (${term.text}) selects ${hit.label} on ${other.node.name}`;
    }
  }
  for (const other of all) {
    for (const placed of other.pods) {
      const term = placed.affinity.antiAffinity.find((t) => sameDomain(t.topologyKey, other) && termSelects(t, pod.affinity));
      if (term) return `the required pod anti-affinity of ${placed.label} on ${other.node.name} (${term.text}) selects it`;
    }
  }
  return undefined;
}

function unfitReason(pod: Pod, pools: readonly PoolCapacity[], slots: Map<string, Slot[]>): string {
  const what = `${pod.surge ? "its rolling-update surge pod" : "a pod"} requests ${formatCpu(pod.request.cpu)} and ${formatMemory(pod.request.memory)}`;
  if (pools.length === 0) return "no node pool is configured (capacity.nodePools)";
  if (pod.allowed.length === 0) {
    const why = pod.model.allowedPools.map((v) => `${v.pool}: ${v.reasons.join(", ")}`).join("; ");
    return `no node pool allows it — ${why}`;
  }
  const big = pod.allowed.filter((p) => p.allocatable.cpu >= pod.request.cpu && p.allocatable.memory >= pod.request.memory);
  if (big.length === 0) {
    const largest = pod.allowed.map((p) => `${p.pool.name} ${formatCpu(p.allocatable.cpu)}, ${formatMemory(p.allocatable.memory)}`).join("; ");
    return `${what}, more than one node's allocatable (${largest})`;
  }
  if (pod.blocked.length) {
    // The scheduler would leave it Pending: nodes with room exist, anti-affinity forbids each.
    const kept = [...new Map(pod.blocked.map((b) => [b.node, b.why])).values()];
    const more = kept.length > 3 ? `; and ${kept.length - 3} more node${kept.length === 4 ? "" : "s"}` : "";
    return `${what}; nodes with room exist, but it cannot be scheduled: ${kept.slice(0, 3).join("; ")}${more}`;
  }
  let best: NodeCapacity | undefined;
  for (const p of pod.allowed) {
    for (const { node: n } of slots.get(p.pool.name)!) {
      if (!best || n.free.cpu / pod.request.cpu + n.free.memory / pod.request.memory > best.free.cpu / pod.request.cpu + best.free.memory / pod.request.memory) best = n;
    }
  }
  const free = best ? `; most room left: ${best.name} with ${formatCpu(best.free.cpu)} and ${formatMemory(best.free.memory)} free` : "";
  return `${what}, and no allowed node has that much left${free}`;
}

/**
 * The exit code of `llmchart capacity`: 1 when a model does not fit or its memory limit is below
 * the estimate, else 0. (2, a usage error, is the command's.) Without node pools there is no
 * packing to fail, so only the memory limits count.
 */
export function capacityExitCode(report: CapacityReport): 0 | 1 {
  const placed = report.pools.length === 0 || report.fits;
  return placed && report.models.every((m) => !m.limitBelowEstimate) ? 0 : 1;
}

/**
 * The report narrowed to the named models (`llmchart capacity phi2 mistral7b`), for display and
 * the exit code. The packing is the whole layout's — the other models still take their room — so
 * the nodes are kept as they are. `unknown` lists names that are no model.
 */
export function selectModels(report: CapacityReport, names: readonly string[]): { report: CapacityReport; unknown: string[] } {
  if (names.length === 0) return { report, unknown: [] };
  const known = new Set(report.models.map((m) => m.model));
  const wanted = new Set(names);
  const models = report.models.filter((m) => wanted.has(m.model));
  const firstUnfit = report.firstUnfit !== null && wanted.has(report.firstUnfit) ? report.firstUnfit : (models.find((m) => !m.fits)?.model ?? null);
  return {
    report: { ...report, models, fits: models.every((m) => m.fits), firstUnfit },
    unknown: names.filter((n) => !known.has(n)),
  };
}
