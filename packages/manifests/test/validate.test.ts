import { describe, expect, it } from "vitest";
import { modelFor } from "../src/models.js";
import { validateManifests } from "../src/validate.js";

const service = (name: string, extra = "") => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
    - port: 8080
      targetPort: http${extra}
`;

const deployment = `# Source: llama-cpp/templates/deployment.yaml
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
          ports:
            - name: http
              containerPort: 8080
`;

const application = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: llm-phi2
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/llm-gitops.git
    path: infra/apps/llm/charts/llama-cpp
    targetRevision: main
    helm:
      valueFiles: [../../values/phi2.yaml]
  destination:
    server: https://kubernetes.default.svc
    namespace: llm
`;

function brief(text: string) {
  return validateManifests(text, "out.yaml").map((p) => `${p.line}:${p.column} ${p.severity} ${p.ruleId} ${p.message}`);
}

describe("validateManifests", () => {
  it("accepts a valid multi-document stream, empty documents included", () => {
    expect(brief(`---\n${deployment}---\n# Source: llama-cpp/templates/empty.yaml\n---\n${service("svc")}---\n${application}`)).toEqual([]);
  });

  it("reports a wrong type at the field, with the object and the template it came from", () => {
    const problems = validateManifests(deployment.replace("containerPort: 8080", 'containerPort: "8080"'), "out.yaml");
    expect(problems).toEqual([
      {
        ruleId: "manifest/schema",
        severity: "error",
        message: 'Deployment "llm-phi2-llama-cpp": spec.template.spec.containers[0].ports[0].containerPort must be integer (from llama-cpp/templates/deployment.yaml)',
        file: "out.yaml",
        line: 18,
        column: 30,
        endLine: 18,
        endColumn: 36,
        path: "spec.template.spec.containers[0].ports[0].containerPort",
      },
    ]);
  });

  it("reports a missing required property at the mapping that should hold it", () => {
    expect(brief(deployment.replace("        - name: server\n          image:", "        - image:"))).toEqual([
      '14:11 error manifest/schema Deployment "llm-phi2-llama-cpp": spec.template.spec.containers[0] is missing required property "name" (from llama-cpp/templates/deployment.yaml)',
    ]);
  });

  it("counts lines across documents", () => {
    const text = `${service("a")}---\n${service("b", "\n      protocol: HTTP")}`;
    expect(brief(text)).toEqual([
      '18:17 error manifest/schema Service "b": spec.ports[0].protocol must be equal to one of the allowed values ("SCTP", "TCP", "UDP")',
    ]);
  });

  it("validates Argo CD Applications against the CRD schema", () => {
    expect(brief(application.replace("  destination:\n    server: https://kubernetes.default.svc\n    namespace: llm\n", ""))).toEqual([
      '6:1 error manifest/schema Application "llm-phi2": spec is missing required property "destination"',
    ]);
  });

  it("warns about kinds it has no schema for instead of passing them silently", () => {
    const monitor = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: m\nspec: {}\n";
    expect(brief(monitor)).toEqual(['1:1 warning manifest/unknown-kind no schema installed for monitoring.coreos.com/v1 ServiceMonitor, so ServiceMonitor "m" was not validated']);
  });

  it("flags two documents for the same object", () => {
    expect(brief(`${service("svc")}---\n${service("svc")}`)).toEqual(['10:1 error manifest/duplicate Service "svc" is defined twice (first at line 1); the second would replace it']);
  });

  it("flags documents that are not Kubernetes objects", () => {
    expect(brief("- a\n- b\n---\nkind: Service\nmetadata: {name: x}\n---\napiVersion: v1\nkind: ConfigMap\ndata: {}\n")).toEqual([
      "1:1 error manifest/invalid a manifest must be a mapping",
      "4:1 error manifest/invalid a Kubernetes object needs a string apiVersion",
      "7:1 error manifest/invalid ConfigMap has no metadata.name",
    ]);
  });

  it("reports YAML errors with their position", () => {
    expect(brief(`${service("a")}---\nkind: [unclosed\n`)[0]).toMatch(/^11:\d+ error manifest\/yaml /);
  });

  it("finds model classes by apiVersion and kind only for real kinds", () => {
    expect(modelFor("apps/v1", "Deployment")?.kind).toBe("Deployment");
    expect(modelFor("v1", "Service")?.apiVersion).toBe("v1");
    expect(modelFor("argoproj.io/v1alpha1", "Application")?.kind).toBe("Application");
    expect(modelFor("apps/v1", "DeploymentSpec")).toBeUndefined();
    expect(modelFor("apps/v1", "../../package")).toBeUndefined();
    expect(modelFor("example.com/v1", "Widget")).toBeUndefined();
  });
});
