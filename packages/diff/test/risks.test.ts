import { describe, expect, test } from "vitest";
import { formatDuration, objectKey, parseManifests, podStart, risksOf, strategyOf, compareObjects, compileIgnore, type K8sObject, type RiskInput } from "../src/index.js";

function objects(yaml: string): Map<string, K8sObject> {
  return parseManifests(yaml, "llm");
}
/** The risks of one object between two renders (both given as YAML streams). */
function risks(before: string, after: string, key: string) {
  const base = objects(before);
  const head = objects(after);
  const was = base.get(key);
  const now = head.get(key);
  const input: RiskInput = {
    change: !was ? "added" : !now ? "removed" : "changed",
    before: was,
    after: now,
    fields: was && now ? compareObjects(was, now, { ignore: compileIgnore([]), ignoreChartVersion: true }) : [],
    baseObjects: base,
    headObjects: head,
  };
  return risksOf(input);
}

const svc = (spec: string, name = "s") => `kind: Service\napiVersion: v1\nmetadata: {name: ${name}}\nspec: ${spec}\n`;
const pvc = (spec: string) => `kind: PersistentVolumeClaim\napiVersion: v1\nmetadata: {name: m}\nspec: ${spec}\n`;
const deployment = (spec: string) => `kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nspec: ${spec}\n`;

describe("immutable-field", () => {
  test("a Service clusterIP change", () => {
    const r = risks(svc("{clusterIP: 10.0.0.1, ports: [{port: 80}]}"), svc("{clusterIP: 10.0.0.2, ports: [{port: 80}]}"), "Service/llm/s");
    expect(r.map((x) => x.id)).toEqual(["immutable-field"]);
    expect(r[0]!.message).toMatch(/^spec\.clusterIP of Service s changes \(10\.0\.0\.1 → 10\.0\.0\.2\): Kubernetes refuses this change in place/);
  });

  test("a Service becoming ExternalName, and headless ↔ cluster IP", () => {
    expect(risks(svc("{type: ClusterIP}"), svc("{type: ExternalName, externalName: x.example.com}"), "Service/llm/s").map((x) => x.id)).toEqual(["immutable-field", "endpoint-change"]);
    expect(risks(svc("{clusterIP: None}"), svc("{}"), "Service/llm/s").map((x) => x.id)).toEqual(["immutable-field"]);
    // ClusterIP → LoadBalancer is allowed in place; it is an endpoint change only.
    expect(risks(svc("{type: ClusterIP}"), svc("{type: LoadBalancer}"), "Service/llm/s").map((x) => x.id)).toEqual(["endpoint-change"]);
  });

  test("a PVC storage class, access modes or a smaller size; growing is allowed", () => {
    const spec = (cls: string, modes: string, size: string) => pvc(`{storageClassName: ${cls}, accessModes: [${modes}], resources: {requests: {storage: ${size}}}}`);
    const k = "PersistentVolumeClaim/llm/m";
    expect(risks(spec("fast", "ReadWriteOnce", "20Gi"), spec("slow", "ReadWriteOnce", "20Gi"), k).map((x) => x.id)).toEqual(["immutable-field", "volume-loss"]);
    expect(risks(spec("fast", "ReadWriteOnce", "20Gi"), spec("fast", "ReadWriteMany", "20Gi"), k)[0]!.message).toContain("spec.accessModes");
    expect(risks(spec("fast", "ReadWriteOnce", "20Gi"), spec("fast", "ReadWriteOnce", "19Gi"), k)[0]!.message).toContain("storage 20Gi → 19Gi");
    expect(risks(spec("fast", "ReadWriteOnce", "20Gi"), spec("fast", "ReadWriteOnce", "30Gi"), k)).toEqual([]);
  });
});

describe("endpoint-change", () => {
  const ingress = (host: string, path: string) =>
    `kind: Ingress\napiVersion: networking.k8s.io/v1\nmetadata: {name: i}\nspec: {rules: [{host: ${host}, http: {paths: [{path: ${path}, pathType: Prefix, backend: {service: {name: s, port: {number: 8080}}}}]}}]}\n`;
  test("an Ingress host or path change names both routes", () => {
    const r = risks(ingress("llm.example.com", "/"), ingress("ai.example.com", "/v1"), "Ingress/llm/i");
    expect(r).toEqual([{ id: "endpoint-change", severity: "warning", message: "the routes of Ingress i change from llm.example.com/ to ai.example.com/v1: clients of the old host or path break" }]);
    expect(risks(ingress("llm.example.com", "/"), "", "Ingress/llm/i")[0]!.message).toBe("Ingress i is removed: llm.example.com/ stop answering");
  });
});

describe("rollout strategy", () => {
  test("percentages resolve as the Deployment controller resolves them", () => {
    const d = (s: string) => [...objects(deployment(s)).values()][0]!;
    expect(strategyOf(d("{replicas: 1}"), new Map())).toMatchObject({ maxSurge: 1, maxUnavailable: 0, downtime: false });
    expect(strategyOf(d("{replicas: 4, strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: '100%'}}}"), new Map())).toMatchObject({ maxUnavailable: 4, downtime: true });
    expect(strategyOf(d("{replicas: 3, strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}}"), new Map())).toMatchObject({ downtime: false });
    expect(strategyOf(d("{replicas: 3, strategy: {type: Recreate}}"), new Map())).toMatchObject({ downtime: true, text: "strategy Recreate" });
  });

  test("a pod template change of a model of unknown size says so instead of guessing", () => {
    const dep = (arg: string) =>
      deployment(
        `{replicas: 2, template: {spec: {initContainers: [{name: download-model, env: [{name: MODEL_PATH, value: /models/custom.gguf}, {name: MODEL_URL, value: 'https://example.com/custom.gguf'}]}], containers: [{name: server, args: [${arg}]}], volumes: [{name: models, emptyDir: {}}]}}}`,
      );
    const r = risks(dep("a"), dep("b"), "Deployment/llm/d");
    expect(r.map((x) => x.id)).toEqual(["pod-restart"]);
    expect(r[0]!.message).toContain("so 2 pods restart; the size of custom.gguf is unknown");
  });
});

test("durations", () => {
  expect([formatDuration(0.2), formatDuration(45), formatDuration(340), formatDuration(3600), formatDuration(3900)]).toEqual(["1 s", "45 s", "5 min 40 s", "1 h", "1 h 5 min"]);
  expect(objectKey({ kind: "Service", namespace: "llm", name: "s" })).toBe("Service/llm/s");
});

test("fewer replicas under the same strategy: every later rollout has downtime", () => {
  const d = (replicas: number) => deployment(`{replicas: ${replicas}, strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}}`);
  const r = risks(d(2), d(1), "Deployment/llm/d");
  expect(r.map((x) => x.id)).toEqual(["downtime"]);
  expect(r[0]!.message).toMatch(/^Deployment d goes from 2 replicas to 1 replica with RollingUpdate with maxUnavailable 1, maxSurge 0: no pod restarts now, but every later rollout leaves no serving pod for the time a new pod takes to start/);
  expect(risks(d(1), d(2), "Deployment/llm/d")).toEqual([]);
});

describe("podStart", () => {
  const pod = deployment(
    `{template: {spec: {initContainers: [{name: download-model, env: [{name: MODEL_PATH, value: /models/model.Q4_K_M.gguf}, {name: MODEL_URL, value: "https://huggingface.co/acme/m/resolve/main/model.Q4_K_M.gguf"}]}], volumes: [{name: models, emptyDir: {}}]}}}`,
  );
  test("sizes a pinned model from the lock, and leaves an unpinned name-only file unknown", () => {
    const d = objects(pod).get("Deployment/llm/d")!;
    expect(podStart(d).fileBytes).toBeUndefined();
    const pinned = podStart(d, undefined, (file, repoId) => (file === "model.Q4_K_M.gguf" && repoId === "acme/m" ? 5_000_000_000 : undefined));
    expect(pinned.fileBytes).toBe(5_000_000_000);
    expect(pinned.explain).toMatch(/^download of model\.Q4_K_M\.gguf \(≈ 5\.0 GB\) into the emptyDir/);
  });
});
