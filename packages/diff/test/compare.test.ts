import { describe, expect, test } from "vitest";
import { compareObjects, compileIgnore, parseManifests, type K8sObject } from "../src/index.js";

const opts = { ignore: compileIgnore([]), ignoreChartVersion: true };
function one(yaml: string): K8sObject {
  const [o] = parseManifests(yaml, "llm").values();
  if (!o) throw new Error("no object");
  return o;
}

describe("compareObjects", () => {
  test("key order, quoting and formatting are not differences; comments vanish", () => {
    const a = one("# Source: llama-cpp/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: ClusterIP\n  ports: [{name: http, port: 8080}]\n");
    const b = one('kind: "Service"\nmetadata: {name: "s"}\napiVersion: v1\nspec:\n  ports:\n    - port: 8080\n      name: http\n  type: "ClusterIP"\n');
    expect(compareObjects(a, b, opts)).toEqual([]);
  });

  test("Helm test hooks are not objects of the release (Argo CD never applies them); other hooks are", () => {
    const objects = parseManifests(
      [
        "kind: Pod\nmetadata: {name: t, annotations: {helm.sh/hook: test}}",
        "kind: Pod\nmetadata: {name: old, annotations: {helm.sh/hook: 'test-success, test-failure'}}",
        "kind: Job\nmetadata: {name: migrate, annotations: {helm.sh/hook: pre-upgrade}}",
        "kind: Pod\nmetadata: {name: both, annotations: {helm.sh/hook: 'test,post-install'}}",
      ].join("\n---\n"),
      "llm",
    );
    expect([...objects.keys()]).toEqual(["Job/llm/migrate", "Pod/llm/both"]);
  });

  test("the namespace defaults to the release's; the key is kind/namespace/name", () => {
    const objects = parseManifests("kind: Service\nmetadata: {name: s}\n---\nkind: Service\nmetadata: {name: s, namespace: other}\n---\n# empty\n", "llm");
    expect([...objects.keys()]).toEqual(["Service/llm/s", "Service/other/s"]);
  });

  test("lists of uniquely named items are matched by name; others by index", () => {
    const a = one("kind: Deployment\nmetadata: {name: d}\nspec:\n  containers:\n    - {name: server, args: [a, b]}\n");
    const b = one("kind: Deployment\nmetadata: {name: d}\nspec:\n  containers:\n    - {name: sidecar, image: x}\n    - {name: server, args: [a, c]}\n");
    expect(compareObjects(a, b, opts)).toEqual([
      { path: "spec.containers[name=server].args[1]", before: "b", after: "c" },
      { path: "spec.containers[name=sidecar]", after: { name: "sidecar", image: "x" } },
    ]);
  });

  test("keys that are not identifiers are quoted in paths", () => {
    const a = one("kind: Service\nmetadata: {name: s, labels: {helm.sh/chart: other-1.0.0}}\n");
    const b = one("kind: Service\nmetadata: {name: s, labels: {helm.sh/chart: llama-cpp-1.0.0}}\n");
    expect(compareObjects(a, b, opts)).toEqual([{ path: 'metadata.labels["helm.sh/chart"]', before: "other-1.0.0", after: "llama-cpp-1.0.0" }]);
  });

  test("the helm.sh/chart label is noise when only the chart version moved", () => {
    const a = one("kind: Service\nmetadata: {name: s, labels: {helm.sh/chart: llama-cpp-0.1.0}}\n");
    const b = one("kind: Service\nmetadata: {name: s, labels: {helm.sh/chart: llama-cpp-0.2.0_build.1}}\n");
    expect(compareObjects(a, b, opts)).toEqual([]);
    expect(compareObjects(a, b, { ...opts, ignoreChartVersion: false })).toHaveLength(1);
  });

  test("Secret data and env values named like secrets are compared but shown masked", () => {
    const a = one("kind: Secret\nmetadata: {name: s}\ndata: {token: YWJj, same: eHl6}\n");
    const b = one("kind: Secret\nmetadata: {name: s}\ndata: {token: ZGVm, same: eHl6, new: Z2hp}\n");
    expect(compareObjects(a, b, opts)).toEqual([
      { path: "data.token", before: "***", after: "***" },
      { path: "data.new", after: "***" },
    ]);
    const d = (env: string, args: string) => one(`kind: Deployment\nmetadata: {name: d}\nspec: {containers: [{name: server, env: [${env}], args: [${args}]}]}\n`);
    const changes = compareObjects(d("{name: HF_TOKEN, value: abc}, {name: MODE, value: p}", "--api-key, k1, --port, '8080'"), d("{name: HF_TOKEN, value: def}, {name: MODE, value: q}", "--api-key, k2, --port, '9090'"), opts);
    expect(changes).toEqual([
      { path: "spec.containers[name=server].env[name=HF_TOKEN].value", before: "***", after: "***" },
      { path: "spec.containers[name=server].env[name=MODE].value", before: "p", after: "q" },
      { path: "spec.containers[name=server].args[1]", before: "***", after: "***" },
      { path: "spec.containers[name=server].args[3]", before: "8080", after: "9090" },
    ]);
    const added = compareObjects(d("{name: MODE, value: x}", "--port, '8080'"), d("{name: MODE, value: x}, {name: DB_PASSWORD, value: hunter2}", "--port, '8080', --api-key=sk-1"), opts);
    expect(JSON.stringify(added)).not.toMatch(/hunter2|sk-1/);
    expect(added).toContainEqual({ path: "spec.containers[name=server].args[2]", after: "--api-key=***" });
  });

  test("a value that looks like a credential is masked wherever it sits (an annotation, a download URL)", () => {
    const ghp = `ghp_Zx9Qw3Er7Ty1Ui5Op2As6Df0Gh4Jk8Lm3N`;
    const a = one("kind: Deployment\nmetadata: {name: d, annotations: {note: plain}}\nspec: {url: 'https://example.com/m.gguf'}\n");
    const b = one(`kind: Deployment\nmetadata: {name: d, annotations: {note: ${ghp}}}\nspec: {url: 'https://ci-bot:${ghp}@example.com/m.gguf'}\n`);
    const changes = compareObjects(a, b, opts);
    expect(changes).toEqual([
      { path: "metadata.annotations.note", before: "plain", after: "***" },
      { path: "spec.url", before: "https://example.com/m.gguf", after: "***" },
    ]);
  });
});

describe("compileIgnore", () => {
  test("a pattern ignores its path and everything below it, optionally for one kind", () => {
    const ignore = compileIgnore(["metadata.annotations", 'Deployment:spec.template.metadata.annotations["config/*"]', "spec.**.resources"]);
    expect(ignore("Service", 'metadata.annotations["a"]')).toBe(true);
    expect(ignore("Service", "metadata.annotationsX")).toBe(false);
    expect(ignore("Deployment", 'spec.template.metadata.annotations["config/refresh"]')).toBe(true);
    expect(ignore("StatefulSet", 'spec.template.metadata.annotations["config/refresh"]')).toBe(false);
    expect(ignore("Deployment", "spec.template.spec.containers[name=server].resources.limits.cpu")).toBe(true);
    expect(ignore("Deployment", "spec.replicas")).toBe(false);
  });
});
