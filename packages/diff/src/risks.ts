import { CONSERVATIVE_BYTES_PER_SECOND, estimateModel } from "@llmchart/policy";
// Sizes in decimal units, as the download rate is stated in.
import { excerpt, formatDecimalBytes, MAX_EXCERPT, parseQuantity } from "@llmchart/schema";
import type { FieldChange } from "./compare.js";
import type { K8sObject } from "./objects.js";
import type { RiskId } from "./rules.js";

export { RISK_IDS, type RiskId } from "./rules.js";
export type RiskSeverity = "error" | "warning" | "info";

/** What a change will do to the running servers, in a sentence that names the numbers. */
export interface Risk {
  id: RiskId;
  severity: RiskSeverity;
  message: string;
}

export const RISK_SEVERITY: Readonly<Record<RiskId, RiskSeverity>> = {
  "immutable-field": "error",
  "pod-restart": "info",
  downtime: "warning",
  "endpoint-change": "warning",
  "volume-loss": "warning",
  "scheduling-change": "info",
  // What the server image's new build does to the model (llmchart upgrade's findings, added by the core):
  // each carries its own severity, error when the new build would crash-loop the pod.
  "server-build": "warning",
};

const RANK: Record<RiskSeverity, number> = { error: 3, warning: 2, info: 1 };
export function severityRank(s: RiskSeverity | undefined): number {
  return s ? RANK[s] : 0;
}

/**
 * Conservative download rate from Hugging Face into an empty volume: 5 MB/s (decimal) — the rate
 * the `progress-deadline` rule and `llmchart capacity` use (one constant, from the policy package).
 */
export const DOWNLOAD_BYTES_PER_SECOND = CONSERVATIVE_BYTES_PER_SECOND;
const RATE = `${DOWNLOAD_BYTES_PER_SECOND / 1e6} MB/s`;
/** Conservative rate at which llama-server reads (maps and touches) the GGUF from the node's disk: 200 MB/s. */
export const LOAD_BYTES_PER_SECOND = 200_000_000;

/** `1 h 5 min`, `5 min 38 s`, `17 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r ? `${m} min ${r} s` : `${m} min`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

type Data = Record<string, unknown>;
const obj = (v: unknown): Data => (v && typeof v === "object" && !Array.isArray(v) ? (v as Data) : {});
const list = (v: unknown): Data[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

function podSpec(o: K8sObject): Data {
  return obj(obj(obj(o.data.spec).template).spec);
}

/** How long one new pod takes until it serves: the model download (into an empty volume) and the load. */
export interface PodStart {
  file?: string;
  fileBytes?: number;
  /** The models volume is an emptyDir (every new pod downloads the model) or a claim this change creates (the first pod does). */
  downloads: boolean;
  /** The models volume is a PersistentVolumeClaim the change creates: new and empty. */
  newClaim?: string;
  downloadSeconds?: number;
  loadSeconds?: number;
  /** Undefined when the model size is unknown. */
  totalSeconds?: number;
  /** "download 1.7 GB at 5 MB/s ≈ 5 min 40 s + load ≈ 9 s". */
  explain: string;
}

/** The objects on both sides of a change, to tell a claim the change creates from one that holds the model already. */
export interface Sides {
  baseObjects: ReadonlyMap<string, K8sObject>;
  headObjects: ReadonlyMap<string, K8sObject>;
}

/** The claim of the models volume when `sides` show it is created by the change (rendered now, not at the base). */
function newClaimOf(models: Data | undefined, namespace: string, sides: Sides | undefined): string | undefined {
  const claim = str(obj(models?.persistentVolumeClaim).claimName);
  if (!claim || !sides) return undefined;
  const key = `PersistentVolumeClaim/${namespace}/${claim}`;
  return sides.headObjects.has(key) && !sides.baseObjects.has(key) ? claim : undefined;
}

/**
 * How long a new pod of `deployment` takes to serve. The model is downloaded when the models
 * volume is an emptyDir (every pod), or a PersistentVolumeClaim the change creates (`sides`): a new
 * claim is empty, so the first rollout downloads the model into it. The size is `model.sizeBytes`
 * (the downloader's MODEL_SIZE_BYTES), the lock's pinned size (`modelSize`) or the estimate from the file name.
 */
/**
 * A model file's size by its repository and name: the lock file's (`llmchart models pin`) when
 * pinned. Without it, or for a file it does not know, the size is estimated from the name.
 */
export type ModelSizeLookup = (filename: string, repoId: string | undefined) => number | undefined;

export function podStart(deployment: K8sObject, sides?: Sides, modelSize?: ModelSizeLookup): PodStart {
  const spec = podSpec(deployment);
  const init = list(spec.initContainers).find((c) => c.name === "download-model");
  const env = list(init?.env);
  const envValue = (name: string) => str(env.find((e) => e.name === name)?.value);
  const path = envValue("MODEL_PATH");
  const url = envValue("MODEL_URL");
  const file = path?.split("/").pop();
  const repoId = url ? /huggingface\.co\/([^/]+\/[^/]+)\/resolve\//.exec(url)?.[1] : undefined;
  const declared = Number(envValue("MODEL_SIZE_BYTES"));
  const fileBytes = Number.isSafeInteger(declared) && declared > 0 ? declared : file ? (modelSize?.(file, repoId) ?? estimateModel(file, repoId)?.fileBytes) : undefined;
  const models = list(spec.volumes).find((v) => v.name === "models");
  const newClaim = init ? newClaimOf(models, deployment.namespace, sides) : undefined;
  const downloads = !!init && !!models && ("emptyDir" in models || newClaim !== undefined);
  const out: PodStart = { downloads, explain: "", ...(newClaim ? { newClaim } : {}) };
  if (file) out.file = file;
  if (fileBytes === undefined) {
    out.explain = file
      ? `the size of ${file} is unknown (its name states no known model and quantisation), so the ${downloads ? "download and " : ""}load time is not estimated`
      : "no model download in the pod, so the start time is not estimated";
    return out;
  }
  out.fileBytes = fileBytes;
  out.loadSeconds = fileBytes / LOAD_BYTES_PER_SECOND;
  const load = `load ≈ ${formatDuration(out.loadSeconds)}`;
  if (downloads) {
    out.downloadSeconds = fileBytes / DOWNLOAD_BYTES_PER_SECOND;
    out.totalSeconds = out.downloadSeconds + out.loadSeconds;
    const into = newClaim ? `the new, empty PersistentVolumeClaim ${newClaim}` : "the emptyDir";
    const once = newClaim ? " (this rollout only: later pods find the file on the claim)" : "";
    out.explain = `download of ${file} (≈ ${formatDecimalBytes(fileBytes)}) into ${into} at ${RATE} ≈ ${formatDuration(out.downloadSeconds)}${once} + ${load}`;
  } else {
    out.totalSeconds = out.loadSeconds;
    out.explain = `${file} (≈ ${formatDecimalBytes(fileBytes)}) stays on the persistent volume, no download; ${load}`;
  }
  return out;
}

/** Replicas of a Deployment; with an HPA that owns it, the HPA's minimum. */
function replicasOf(deployment: K8sObject, objects: ReadonlyMap<string, K8sObject>): number {
  const r = obj(deployment.data.spec).replicas;
  if (typeof r === "number") return r;
  for (const o of objects.values()) {
    if (o.kind !== "HorizontalPodAutoscaler") continue;
    const spec = obj(o.data.spec);
    if (obj(spec.scaleTargetRef).name === deployment.name) return typeof spec.minReplicas === "number" ? spec.minReplicas : 1;
  }
  return 1;
}

/** An int-or-percent of a rolling update resolved against the replicas, as the Deployment controller does. */
function resolveIntOrPercent(v: unknown, replicas: number, roundUp: boolean, fallback: string): number {
  const s = v === undefined || v === null ? fallback : String(v);
  const m = /^(\d+)%$/.exec(s);
  if (m) {
    const x = (Number(m[1]) * replicas) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(s) || 0;
}

export interface Strategy {
  type: string;
  replicas: number;
  maxSurge: number;
  maxUnavailable: number;
  /** No pod serves while the rollout replaces the last old one. */
  downtime: boolean;
  /** "strategy Recreate" / "RollingUpdate maxUnavailable 1, maxSurge 0". */
  text: string;
}

export function strategyOf(deployment: K8sObject, objects: ReadonlyMap<string, K8sObject>): Strategy {
  const spec = obj(deployment.data.spec);
  const strategy = obj(spec.strategy);
  const type = str(strategy.type) ?? "RollingUpdate";
  const replicas = replicasOf(deployment, objects);
  if (type === "Recreate") return { type, replicas, maxSurge: 0, maxUnavailable: replicas, downtime: replicas > 0, text: "strategy Recreate" };
  const ru = obj(strategy.rollingUpdate);
  const maxSurge = resolveIntOrPercent(ru.maxSurge, replicas, true, "25%");
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, replicas, false, "25%");
  // The controller refuses 0/0 and moves on with maxUnavailable 1.
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return {
    type,
    replicas,
    maxSurge,
    maxUnavailable,
    downtime: replicas > 0 && maxUnavailable >= replicas,
    text: `RollingUpdate with maxUnavailable ${maxUnavailable}, maxSurge ${maxSurge}`,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The changes of one object on one model, with both sides and everything else the model renders. */
export interface RiskInput {
  change: "added" | "removed" | "changed";
  before: K8sObject | undefined;
  after: K8sObject | undefined;
  fields: readonly FieldChange[];
  baseObjects: ReadonlyMap<string, K8sObject>;
  headObjects: ReadonlyMap<string, K8sObject>;
  /** Pinned model sizes (the lock file), for download and load times. */
  modelSize?: ModelSizeLookup;
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);
const SCHEDULING = /^spec\.template\.spec\.(nodeSelector|tolerations|affinity|topologySpreadConstraints|priorityClassName|(containers|initContainers)\[[^\]]+\]\.resources)(?=$|[.[])/;

/** A field's value in a risk message: a string as an excerpt (escaped, cut, never a credential), anything else as short JSON. */
function short(v: unknown): string {
  if (v === undefined) return "(none)";
  if (typeof v === "string") return excerpt(v);
  const s = JSON.stringify(v);
  return s.length > MAX_EXCERPT ? `${s.slice(0, MAX_EXCERPT)}…` : s;
}

function fieldList(fields: readonly FieldChange[], max = 2): string {
  const shown = fields.slice(0, max).map((f) => `${f.path}: ${short(f.before)} → ${short(f.after)}`);
  return fields.length > max ? `${shown.join("; ")} and ${fields.length - max} more` : shown.join("; ");
}

function immutable(what: string, how: string): Risk {
  return {
    id: "immutable-field",
    severity: "error",
    message: `${what}: Kubernetes refuses this change in place, so the Argo CD sync fails ("field is immutable") and keeps failing for every later change. Roll it out by ${how}`,
  };
}

function deleteAndRecreate(kind: string, name: string, namespace: string, extra = ""): string {
  return `deleting the ${kind} and letting Argo CD recreate it (\`kubectl -n ${namespace} delete ${kind.toLowerCase()} ${name}\`, then sync${extra}), or by renaming it (fullnameOverride) so the new one is created next to the old one and the old one is pruned`;
}

function workloadRisks(input: RiskInput, risks: Risk[]): void {
  const { before, after, fields } = input;
  if (!before || !after || !WORKLOADS.has(after.kind)) return;
  const selector = fields.filter((f) => f.path === "spec.selector" || f.path.startsWith("spec.selector."));
  if (selector.length) {
    risks.push(
      immutable(`spec.selector of ${after.kind} ${after.name} changes (${fieldList(selector)})`, deleteAndRecreate(after.kind, after.name, after.namespace, "; no pod serves until the new one is ready")),
    );
  }
  const template = fields.filter((f) => f.path.startsWith("spec.template."));
  if (!template.length || after.kind !== "Deployment") {
    schedulingRisk(after, template, risks);
    return;
  }
  const start = podStart(after, input, input.modelSize);
  const strategy = strategyOf(after, input.headObjects);
  const step = strategy.type === "Recreate" ? Math.max(1, strategy.replicas) : Math.max(1, strategy.maxSurge + strategy.maxUnavailable);
  const waves = Math.max(1, Math.ceil(strategy.replicas / step));
  const total = start.totalSeconds === undefined ? undefined : waves * start.totalSeconds;
  risks.push({
    id: "pod-restart",
    severity: "info",
    message:
      `the pod template of Deployment ${after.name} changed (${plural(template.length, "field")}: ${fieldList(template)}), so ${plural(strategy.replicas, "pod")} restart${strategy.replicas === 1 ? "s" : ""}` +
      (total === undefined
        ? `; ${start.explain}`
        : ` (${strategy.text}, ${plural(waves, "wave")}); expected rollout ≈ ${formatDuration(total)}: per pod ${start.explain}`),
  });
  if (strategy.downtime) {
    risks.push({
      id: "downtime",
      severity: "warning",
      message:
        `${strategy.text} and ${plural(strategy.replicas, "replica")} stops every old pod before a new one serves: no pod serves Deployment ${after.name} for ` +
        (start.totalSeconds === undefined ? `the time a new pod takes to start (${start.explain})` : `≈ ${formatDuration(start.totalSeconds)} (${start.explain})`) +
        `; RollingUpdate with maxUnavailable 0, maxSurge 1 keeps the old pod serving if the node has room for a second one`,
    });
  }
  schedulingRisk(after, template, risks);
}

/** A strategy that newly leaves no serving pod: no restart now, but every later one. */
function strategyRisk(input: RiskInput, risks: Risk[]): void {
  const { before, after, fields } = input;
  if (!before || !after || after.kind !== "Deployment") return;
  if (fields.some((f) => f.path.startsWith("spec.template."))) return; // the restart itself is judged above
  const was = strategyOf(before, input.baseObjects);
  const now = strategyOf(after, input.headObjects);
  if (!now.downtime || was.downtime) return;
  const start = podStart(after, input, input.modelSize);
  risks.push({
    id: "downtime",
    severity: "warning",
    message:
      (was.text === now.text
        ? `Deployment ${after.name} goes from ${plural(was.replicas, "replica")} to ${plural(now.replicas, "replica")} with ${now.text}`
        : `Deployment ${after.name} moves from ${was.text} to ${now.text} (${plural(now.replicas, "replica")})`) +
      `: no pod restarts now, but every later rollout leaves no serving pod for ` +
      (start.totalSeconds === undefined ? `the time a new pod takes to start (${start.explain})` : `≈ ${formatDuration(start.totalSeconds)} (${start.explain})`),
  });
}

function schedulingRisk(after: K8sObject, template: readonly FieldChange[], risks: Risk[]): void {
  const scheduling = template.filter((f) => SCHEDULING.test(f.path));
  if (!scheduling.length) return;
  risks.push({
    id: "scheduling-change",
    severity: "info",
    message: `where the pods of ${after.kind} ${after.name} may run, or what they reserve, changed (${fieldList(scheduling, 4)}): check that a node still has the room and the labels/taints for them`,
  });
}

function servicePorts(o: K8sObject): string {
  return list(obj(o.data.spec).ports)
    .map((p) => str(p.port))
    .filter(Boolean)
    .join(", ");
}

function serviceRisks(input: RiskInput, risks: Risk[]): void {
  const { before, after, fields, change } = input;
  const svc = before ?? after;
  if (!svc || svc.kind !== "Service") return;
  if (change === "removed" && before) {
    const replacement = [...input.headObjects.values()].find((o) => o.kind === "Service" && !input.baseObjects.has(`Service/${o.namespace}/${o.name}`));
    risks.push({
      id: "endpoint-change",
      severity: "warning",
      message:
        `Service ${before.name} (port ${servicePorts(before)}) is removed: every client of ${before.name}.${before.namespace}.svc.cluster.local:${servicePorts(before).split(",")[0]} breaks` +
        (replacement ? `; the model is now at ${replacement.name}.${replacement.namespace}.svc.cluster.local:${servicePorts(replacement).split(",")[0]}` : ""),
    });
    return;
  }
  if (change !== "changed" || !before || !after) return;
  const spec = (o: K8sObject) => obj(o.data.spec);
  const typeBefore = str(spec(before).type) ?? "ClusterIP";
  const typeAfter = str(spec(after).type) ?? "ClusterIP";
  const ipBefore = str(spec(before).clusterIP);
  const ipAfter = str(spec(after).clusterIP);
  const how = deleteAndRecreate("Service", after.name, after.namespace, "; clients lose the Service for the moment in between");
  if (ipBefore !== undefined && ipAfter !== undefined && ipBefore !== ipAfter) {
    risks.push(immutable(`spec.clusterIP of Service ${after.name} changes (${ipBefore} → ${ipAfter})`, how));
  } else if ((ipBefore === "None") !== (ipAfter === "None")) {
    risks.push(immutable(`Service ${after.name} changes between headless (clusterIP None) and a cluster IP`, how));
  }
  if (typeBefore !== typeAfter && (typeBefore === "ExternalName" || typeAfter === "ExternalName")) {
    risks.push(immutable(`spec.type of Service ${after.name} changes from ${typeBefore} to ${typeAfter}, which needs the cluster IP allocated or released`, how));
  }
  const endpoint = fields.filter((f) => f.path === "spec.type" || /^spec\.ports(?=$|[.[])/.test(f.path));
  if (endpoint.length) {
    risks.push({
      id: "endpoint-change",
      severity: "warning",
      message: `how clients reach Service ${after.name} changes (type ${typeBefore} → ${typeAfter}, port ${servicePorts(before)} → ${servicePorts(after)}; ${fieldList(endpoint, 3)}): update every client, and check firewall rules for a new exposure`,
    });
  }
}

function ingressRoutes(o: K8sObject): string {
  const routes: string[] = [];
  for (const rule of list(obj(o.data.spec).rules)) {
    const paths = list(obj(rule.http).paths).map((p) => str(p.path) ?? "/");
    for (const p of paths.length ? paths : ["/"]) routes.push(`${str(rule.host) ?? "*"}${p}`);
  }
  return routes.join(", ") || "(no rules)";
}

function ingressRisks(input: RiskInput, risks: Risk[]): void {
  const { before, after, change } = input;
  if ((before ?? after)?.kind !== "Ingress") return;
  if (change === "removed" && before) {
    risks.push({ id: "endpoint-change", severity: "warning", message: `Ingress ${before.name} is removed: ${ingressRoutes(before)} stop answering` });
    return;
  }
  if (change !== "changed" || !before || !after) return;
  const from = ingressRoutes(before);
  const to = ingressRoutes(after);
  if (from !== to) {
    risks.push({ id: "endpoint-change", severity: "warning", message: `the routes of Ingress ${after.name} change from ${from} to ${to}: clients of the old host or path break` });
  }
}

function pvcSize(o: K8sObject): string | undefined {
  return str(obj(obj(obj(o.data.spec).resources).requests).storage);
}

function pvcRisks(input: RiskInput, risks: Risk[]): void {
  const { before, after, fields, change } = input;
  if ((before ?? after)?.kind !== "PersistentVolumeClaim") return;
  const model = [...input.baseObjects.values()].find((o) => o.kind === "Deployment");
  const cached = model ? podStart(model, undefined, input.modelSize) : undefined;
  const lost = cached?.file
    ? `the cached ${cached.file}${cached.fileBytes ? ` (≈ ${formatDecimalBytes(cached.fileBytes)})` : ""} is lost and downloaded again by the next pod${cached.fileBytes ? ` (≈ ${formatDuration(cached.fileBytes / DOWNLOAD_BYTES_PER_SECOND)} at ${RATE})` : ""}`
    : "what it holds is lost";
  if (change === "removed" && before) {
    risks.push({
      id: "volume-loss",
      severity: "warning",
      message: `PersistentVolumeClaim ${before.name} (${pvcSize(before) ?? "size unknown"}) is removed: Argo CD prunes it (unless it carries argocd.argoproj.io/sync-options: Prune=false) and ${lost}`,
    });
    return;
  }
  if (change !== "changed" || !before || !after) return;
  const spec = (o: K8sObject) => obj(o.data.spec);
  const refused: string[] = [];
  for (const key of ["storageClassName", "accessModes", "volumeMode", "volumeName", "selector", "dataSource"]) {
    const f = fields.filter((x) => x.path === `spec.${key}` || x.path.startsWith(`spec.${key}.`) || x.path.startsWith(`spec.${key}[`));
    if (f.length) refused.push(`spec.${key} ${short(spec(before)[key])} → ${short(spec(after)[key])}`);
  }
  const sizeBefore = pvcSize(before);
  const sizeAfter = pvcSize(after);
  const bytesBefore = parseQuantity(sizeBefore);
  const bytesAfter = parseQuantity(sizeAfter);
  if (bytesBefore !== undefined && bytesAfter !== undefined && bytesAfter < bytesBefore) {
    refused.push(`storage ${sizeBefore} → ${sizeAfter} (a claim can grow, never shrink)`);
  }
  if (!refused.length) return;
  risks.push(
    immutable(
      `PersistentVolumeClaim ${after.name} changes ${refused.join(", ")}`,
      `deleting the claim and letting Argo CD recreate it (\`kubectl -n ${after.namespace} delete pvc ${after.name}\` after scaling the Deployment to 0, then sync), or by pointing persistence.existingClaim at a new claim`,
    ),
  );
  risks.push({ id: "volume-loss", severity: "warning", message: `PersistentVolumeClaim ${after.name} can only be replaced, not changed: ${lost}` });
}

/** A Deployment renamed (nameOverride, fullnameOverride): its pods are replaced by the new one's. */
function replacedWorkload(input: RiskInput, risks: Risk[]): void {
  const { before, change } = input;
  if (change !== "removed" || !before || before.kind !== "Deployment") return;
  const successor = [...input.headObjects.values()].find((o) => o.kind === "Deployment" && !input.baseObjects.has(`Deployment/${o.namespace}/${o.name}`));
  if (!successor) return;
  const start = podStart(successor, input, input.modelSize);
  const replicas = strategyOf(successor, input.headObjects).replicas;
  risks.push({
    id: "pod-restart",
    severity: "info",
    message:
      `Deployment ${before.name} is replaced by ${successor.name}: ${plural(replicas, "new pod")} start` +
      (start.totalSeconds === undefined ? ` (${start.explain})` : `, ready after ≈ ${formatDuration(start.totalSeconds)} (${start.explain})`) +
      `; the old pods serve until Argo CD prunes ${before.name} (PruneLast), and both need room on the nodes meanwhile`,
  });
}

/** The risks of one object's change, most severe first. */
export function risksOf(input: RiskInput): Risk[] {
  const risks: Risk[] = [];
  workloadRisks(input, risks);
  replacedWorkload(input, risks);
  strategyRisk(input, risks);
  serviceRisks(input, risks);
  ingressRisks(input, risks);
  pvcRisks(input, risks);
  return risks.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}
