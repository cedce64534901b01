import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { kindDefinition, traceToValues, unknownFields, validateManifests } from "../src/index.js";

const deployment = (affinity: string) => `---
# Source: llama-cpp/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llm-phi2-llama-cpp
spec:
  selector:
    matchLabels: { app: x }
  template:
    metadata:
      labels: { app: x }
    spec:
      containers:
        - name: server
          image: ghcr.io/ggml-org/llama.cpp:server-b11429
      affinity:
${affinity}
`;

const typo = `        nodeAfinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - { key: llm-node, operator: In, values: ["true"] }`;

describe("strict manifests", () => {
  it("ignores unknown fields by default, like kubeconform without -strict", () => {
    expect(validateManifests(deployment(typo), "out.yaml")).toEqual([]);
  });

  it("reports an unknown field at the rendered key, naming the object, the template and the closest field", () => {
    const problems = validateManifests(deployment(typo), "out.yaml", { strict: true });
    expect(problems).toEqual([
      {
        ruleId: "manifest/unknown-field",
        severity: "error",
        file: "out.yaml",
        line: 18,
        column: 9,
        endLine: 18,
        endColumn: 20,
        path: "spec.template.spec.affinity.nodeAfinity",
        message: `Deployment "llm-phi2-llama-cpp": unknown field "nodeAfinity" in spec.template.spec.affinity: Kubernetes 1.34 has no such field — did you mean "nodeAffinity"? (from llama-cpp/templates/deployment.yaml)`,
      },
    ]);
  });

  it("traces the field back to the values key it was copied from", () => {
    const values = parseSource("values/phi2.yaml", `model:\n  filename: phi-2.Q4_K_M.gguf\naffinity:\n  nodeAfinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - { key: llm-node, operator: In, values: ["true"] }\n`);
    const [p] = validateManifests(deployment(typo), "out.yaml", { strict: true, values });
    expect(p).toMatchObject({ ruleId: "manifest/unknown-field", file: "values/phi2.yaml", line: 4, column: 3, path: "affinity.nodeAfinity" });
    expect(p!.message).toBe(`unknown field "nodeAfinity" in affinity, rendered as Deployment "llm-phi2-llama-cpp" spec.template.spec.affinity.nodeAfinity (llama-cpp/templates/deployment.yaml): Kubernetes 1.34 has no such field — did you mean "nodeAffinity"?`);
  });

  it("finds nested typos and typos in list items", () => {
    const nested = `        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpression:
                  - { key: llm-node, operator: In, values: ["true"] }`;
    const problems = validateManifests(deployment(nested), "out.yaml", { strict: true });
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([[21, 17, "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpression"]]);
  });

  it("does not trace to a values key whose value differs from the rendered one", () => {
    const values = parseSource("v.yaml", "affinity:\n  nodeAfinity: {}\n");
    const [p] = validateManifests(deployment(typo), "out.yaml", { strict: true, values });
    expect(p!.file).toBe("out.yaml");
  });

  it("leaves maps (labels) and kinds without a bundled definition open", () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: { anything: goes }\ndata:\n  whatever: x\n";
    expect(validateManifests(cm, "cm.yaml", { strict: true })).toEqual([]);
    const sm = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: s\nspec:\n  madeUp: 1\n";
    expect(validateManifests(sm, "sm.yaml", { strict: true }).map((p) => p.ruleId)).toEqual(["manifest/unknown-kind"]);
  });

  it("knows the kinds the chart renders, by apiVersion and kind", () => {
    for (const [apiVersion, kind] of [["apps/v1", "Deployment"], ["v1", "Service"], ["v1", "ServiceAccount"], ["v1", "PersistentVolumeClaim"], ["v1", "Pod"], ["networking.k8s.io/v1", "Ingress"], ["networking.k8s.io/v1", "NetworkPolicy"], ["policy/v1", "PodDisruptionBudget"], ["autoscaling/v2", "HorizontalPodAutoscaler"], ["v1", "Event"], ["events.k8s.io/v1", "Event"]] as const) {
      expect(kindDefinition(apiVersion, kind), `${apiVersion} ${kind}`).toBeDefined();
    }
    expect(kindDefinition("apps/v1", "DeploymentSpec")).toBeUndefined();
  });

  it("exposes the walk and the trace on their own", () => {
    const def = kindDefinition("v1", "Service")!;
    expect(unknownFields(def, { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { prots: [] } })).toEqual([{ path: ["spec", "prots"], known: expect.arrayContaining(["ports"]) as string[], suggestion: "ports" }]);
    const values = parseSource("v.yaml", "podSecurityContext:\n  readOnlyRootFileSystem: true\nsecurityContext:\n  readOnlyRootFileSystem: true\n");
    // The same typo under two keys: content cannot tell which one was rendered here.
    expect(traceToValues(["spec", "template", "spec", "securityContext", "readOnlyRootFileSystem"], true, values)).toBeUndefined();
    const one = parseSource("v.yaml", "podSecurityContext:\n  fsGroupp: 1\nsecurityContext:\n  readOnlyRootFilesystem: true\n");
    expect(traceToValues(["spec", "template", "spec", "securityContext", "fsGroupp"], 1, one)).toMatchObject({ path: "podSecurityContext.fsGroupp", segments: ["podSecurityContext", "fsGroupp"] });
    expect(traceToValues(["spec", "template", "spec", "securityContext", "fsGroupp"], 2, one)).toBeUndefined();
  });
});
