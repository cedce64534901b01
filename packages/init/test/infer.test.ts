import { checkConfig, CONFIG_FILE, defaultConfig, parseSource } from "@llmchart/schema";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inferConfig, type InferResult } from "../src/index.js";

/** The seed-style repository the CLI's end-to-end test uses too. */
const SEED = join(import.meta.dirname, "..", "..", "cli", "test", "fixtures", "seed-repo");
const temps: string[] = [];

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A fresh git repository holding `files` (or a copy of the seed fixture). */
function repo(files?: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-init-"));
  temps.push(dir);
  if (files) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  } else {
    cpSync(SEED, dir, { recursive: true });
  }
  git(dir, "init", "-q");
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const fromOf = (r: InferResult, what: string) => r.report.find((i) => i.what === what)?.from;

describe("inferConfig on the seed-style repository", () => {
  let dir: string;
  let result: InferResult;
  let before: string;
  const status = () => git(dir, "status", "--porcelain", "--untracked-files=all");
  beforeAll(() => {
    dir = repo();
    before = status();
    result = inferConfig({ cwd: dir });
  });

  it("finds the layout", () => {
    expect(result.config.layout).toEqual({ root: "infra/apps/llm", chartDir: "charts/llama-cpp", valuesDir: "values", applicationsDir: "argocd" });
    expect(result.report.find((i) => i.what === "layout.chartDir")?.note).toBe("the chart the Argo CD Applications deploy (spec.source.path)");
  });

  it("takes what the Applications share to the top level", () => {
    expect(result.config.argocd).toMatchObject({
      namespace: "argocd",
      project: "llm-models",
      repoURL: "https://gitea.lab.internal/platform/llm-gitops",
      targetRevision: "HEAD",
      releasePrefix: "llm-",
      destination: { server: "https://kubernetes.default.svc", namespace: "llm" },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["CreateNamespace=true", "PruneLast=true"] },
    });
  });

  it("gives the model with another targetRevision an override, and nobody else one", () => {
    expect((result.config.argocd as { models?: unknown }).models).toEqual({ mistral7b: { targetRevision: "stable" } });
    expect(fromOf(result, "argocd.models.mistral7b.targetRevision")).toBe("infra/apps/llm/argocd/llm-mistral7b.yaml:11");
  });

  it("keeps the .git-less repoURL as written", () => {
    expect(fromOf(result, "argocd.repoURL")).toMatch(/^infra\/apps\/llm\/argocd\/llm-[a-z0-9-]+\.yaml:9$/);
    expect((result.config.argocd as { repoURL: string }).repoURL.endsWith(".git")).toBe(false);
  });

  it("reads the chart metadata from Chart.yaml, with lines", () => {
    expect(result.config.chart).toEqual({ name: "llama-cpp", version: "0.3.2", appVersion: "b4719", description: "llama.cpp server on CPU nodes, model fetched at start-up" });
    expect(fromOf(result, "chart.version")).toBe("infra/apps/llm/charts/llama-cpp/Chart.yaml:5");
    expect(fromOf(result, "chart.appVersion")).toBe("infra/apps/llm/charts/llama-cpp/Chart.yaml:6");
  });

  it("carries the image and the chart-wide scheduling and rollout defaults of values.yaml", () => {
    expect(result.config.images).toEqual({ server: { repository: "ghcr.io/ggml-org/llama.cpp", tag: "server-b4719" } });
    expect(result.config.defaults).toEqual({
      progressDeadlineSeconds: 3600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      nodeSelector: { "llm-node": "true" },
      tolerations: [{ key: "llm-only", operator: "Equal", value: "true", effect: "NoSchedule" }],
    });
    expect(fromOf(result, "defaults.nodeSelector")).toBe("infra/apps/llm/charts/llama-cpp/values.yaml:23");
  });

  it("says what it cannot carry: the chart's own hfTokenSecret key", () => {
    expect(result.notCarried).toEqual([
      { what: "hfTokenSecret (infra/apps/llm/charts/llama-cpp/values.yaml:35)", why: expect.stringContaining("not a value of the generated chart") as string },
    ]);
  });

  it("lists every hand-written file render will take over", () => {
    expect(result.adopt).toEqual([
      "infra/apps/llm/argocd/llm-dolphin-phi2.yaml",
      "infra/apps/llm/argocd/llm-mistral7b.yaml",
      "infra/apps/llm/argocd/llm-phi2.yaml",
      "infra/apps/llm/charts/llama-cpp/Chart.yaml",
      "infra/apps/llm/charts/llama-cpp/templates/_helpers.tpl",
      "infra/apps/llm/charts/llama-cpp/templates/deployment.yaml",
      "infra/apps/llm/charts/llama-cpp/templates/service.yaml",
      "infra/apps/llm/charts/llama-cpp/values.yaml",
    ]);
  });

  it("returns text that loads as the same config, headed by a comment", () => {
    expect(result.text.startsWith("# llmchart.config.yaml: ")).toBe(true);
    expect(result.text).toContain("# Inferred by `llmchart init` from infra/apps/llm/charts/llama-cpp and 3 Argo CD Applications");
    expect(parse(result.text)).toEqual(result.config);
    const checked = checkConfig(parseSource(CONFIG_FILE, result.text, { yaml: "1.2" }));
    expect(checked.problems).toEqual([]);
    expect(checked.config?.defaults.progressDeadlineSeconds).toBe(3600);
  });

  it("writes nothing", () => {
    expect(status()).toBe(before);
    expect(before).toContain("infra/apps/llm/argocd/llm-phi2.yaml");
    expect(() => readFileSync(join(dir, CONFIG_FILE))).toThrow();
  });
});

const CHART = "apiVersion: v2\nname: llama-cpp\nversion: 1.0.0\nappVersion: b5000\n";

function application(name: string, model: string, over: { project?: string; repoURL?: string; valueFiles?: string[]; extra?: string } = {}): string {
  return [
    "apiVersion: argoproj.io/v1alpha1",
    "kind: Application",
    "metadata:",
    `  name: ${name}`,
    "  namespace: argocd",
    "spec:",
    `  project: ${over.project ?? "default"}`,
    "  source:",
    `    repoURL: ${over.repoURL ?? "https://git.acme.internal/llm.git"}`,
    "    targetRevision: main",
    "    path: infra/apps/llm/charts/llama-cpp",
    "    helm:",
    "      valueFiles:",
    ...(over.valueFiles ?? [`../../values/${model}.yaml`]).map((v) => `        - ${v}`),
    "  destination:",
    "    server: https://kubernetes.default.svc",
    "    namespace: llm",
    ...(over.extra ? [over.extra] : []),
    "",
  ].join("\n");
}

describe("inferConfig: Argo CD settings", () => {
  it("puts a project only one model uses into that model's override", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART,
      "infra/apps/llm/values/a.yaml": "{}\n",
      "infra/apps/llm/values/b.yaml": "{}\n",
      "infra/apps/llm/values/c.yaml": "{}\n",
      "infra/apps/llm/argocd/llm-a.yaml": application("llm-a", "a", { project: "team" }),
      "infra/apps/llm/argocd/llm-b.yaml": application("llm-b", "b", { project: "team" }),
      "infra/apps/llm/argocd/llm-c.yaml": application("llm-c", "c", { project: "sandbox" }),
    });
    const r = inferConfig({ cwd: dir });
    expect(r.config.argocd).toMatchObject({ project: "team", models: { c: { project: "sandbox" } } });
    // None of them has a syncPolicy: none is invented.
    expect((r.config.argocd as Record<string, unknown>).syncPolicy).toBeUndefined();
  });

  it("reports what a generated Application would drop", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART,
      "infra/apps/llm/values/a.yaml": "{}\n",
      "infra/apps/llm/values/b.yaml": "{}\n",
      "infra/apps/llm/argocd/llm-a.yaml": application("llm-a", "a", { extra: "  ignoreDifferences:\n    - kind: Deployment\n      jsonPointers: [/spec/replicas]" }),
      "infra/apps/llm/argocd/llm-b.yaml": application("llm-b", "b", { valueFiles: ["../../values/common.yaml", "../../values/b.yaml"] }),
    });
    const r = inferConfig({ cwd: dir });
    expect(r.notCarried).toEqual(
      expect.arrayContaining([
        { what: "spec.ignoreDifferences of Application llm-a (infra/apps/llm/argocd/llm-a.yaml:18)", why: "generated Applications do not carry it; render would drop it" },
        { what: "Application llm-b (infra/apps/llm/argocd/llm-b.yaml)", why: "it layers 2 values files; a generated Application passes exactly one (its model's)" },
      ]),
    );
  });

  it("never writes an example repoURL, and says so", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART,
      "infra/apps/llm/values/a.yaml": "{}\n",
      "infra/apps/llm/argocd/llm-a.yaml": application("llm-a", "a", { repoURL: "https://github.com/example/llm-gitops.git" }),
    });
    const r = inferConfig({ cwd: dir });
    expect((r.config.argocd as Record<string, unknown>).repoURL).toBeUndefined();
    expect(r.text).not.toContain("example");
    expect(r.notCarried.find((n) => n.what.startsWith("argocd.repoURL"))?.why).toContain("example URL");
  });
});

describe("inferConfig without Applications", () => {
  it("takes repoURL from the git remote origin", () => {
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART, "infra/apps/llm/values/a.yaml": "{}\n" });
    git(dir, "remote", "add", "origin", "git@git.acme.internal:platform/llm.git");
    // The caller (core's initProject) asks git for the origin; inference takes its answer.
    const r = inferConfig({ cwd: dir, originUrl: git(dir, "remote", "get-url", "origin").trim() });
    expect((r.config.argocd as Record<string, unknown>).repoURL).toBe("git@git.acme.internal:platform/llm.git");
    expect(fromOf(r, "argocd.repoURL")).toBe("git remote get-url origin");
    expect(r.config.layout).toEqual({ root: "infra/apps/llm", chartDir: "charts/llama-cpp", valuesDir: "values", applicationsDir: "argocd" });
  });

  it("leaves repoURL out when there is no origin, and says what to do", () => {
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART });
    const r = inferConfig({ cwd: dir });
    expect(r.config.argocd).toBeUndefined();
    expect(r.notCarried).toContainEqual({ what: "argocd.repoURL", why: "no Argo CD Application to read it from and no git remote origin; set argocd.repoURL before render" });
  });

  it("finds a chart outside the conventional place by its name", () => {
    const dir = repo({
      "deploy/helm/other/Chart.yaml": "apiVersion: v2\nname: other\nversion: 1.0.0\n",
      "deploy/helm/llama-server/Chart.yaml": "apiVersion: v2\nname: llama-server\nversion: 2.0.0\n",
    });
    const r = inferConfig({ cwd: dir });
    expect(r.config.layout).toEqual({ root: "deploy/helm", chartDir: "llama-server", valuesDir: "values", applicationsDir: "argocd" });
    expect(r.report.find((i) => i.what === "layout.chartDir")?.note).toBe("a chart whose folder or name says llama/llm/gguf");
  });

  it("pins a floating server tag to a build, in one plain line saying how to choose another", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART,
      "infra/apps/llm/charts/llama-cpp/values.yaml": "image:\n  repository: ghcr.io/ggml-org/llama.cpp\n  tag: server\n",
    });
    const r = inferConfig({ cwd: dir });
    const pinned = defaultConfig.images.server.tag;
    expect(r.config.images).toEqual({ server: { repository: "ghcr.io/ggml-org/llama.cpp", tag: pinned } });
    expect(r.report.find((i) => i.what === "images.server.tag")).toEqual({
      what: "images.server.tag",
      value: pinned,
      from: "infra/apps/llm/charts/llama-cpp/values.yaml:3",
      note: `the image tag \`server\` moves with every llama.cpp release: pinned to ${pinned}, the build llmchart's rules know; set images.server.tag to choose another`,
    });
    // No schema-style lines ("got string", "missing required property") about it.
    expect(r.notCarried.filter((n) => n.what.startsWith("images"))).toEqual([]);
    expect(checkConfig(parseSource(CONFIG_FILE, r.text, { yaml: "1.2" })).problems).toEqual([]);
  });

  it("leaves out a value the config schema refuses as the unit it reported, in one line with the reason in words", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART,
      "infra/apps/llm/charts/llama-cpp/values.yaml": "progressDeadlineSeconds: -5\nnodeSelector:\n  a: 1\n",
    });
    const r = inferConfig({ cwd: dir });
    expect(r.config.defaults).toBeUndefined();
    expect(r.report.map((i) => i.what).filter((w) => w.startsWith("defaults"))).toEqual([]);
    expect(r.notCarried.filter((n) => n.what.startsWith("defaults"))).toEqual([
      { what: "defaults.progressDeadlineSeconds = -5 (infra/apps/llm/charts/llama-cpp/values.yaml:1)", why: "left out, because it must be >= 1; the generated chart's default applies" },
      { what: 'defaults.nodeSelector = {"a":1} (infra/apps/llm/charts/llama-cpp/values.yaml:2)', why: "left out, because a must be string; the generated chart's default applies" },
    ]);
    expect(checkConfig(parseSource(CONFIG_FILE, r.text, { yaml: "1.2" })).problems).toEqual([]);
  });

  it("keeps the default layout when there is no chart at all", () => {
    const r = inferConfig({ cwd: repo({ "README.md": "nothing yet\n" }) });
    expect(r.config.layout).toBeUndefined();
    expect(r.notCarried[0]).toEqual({ what: "layout", why: "no Helm chart (Chart.yaml) found; the default layout is kept" });
    expect(r.adopt).toEqual([]);
  });
});

describe("inferConfig: what render would leave behind", () => {
  it("reports an Application file render would not replace (another file name)", () => {
    const dir = repo({
      "infra/apps/llm/charts/llama-cpp/Chart.yaml": "apiVersion: v2\nname: llama-cpp\nversion: 1.0.0\nappVersion: 1.10\n",
      "infra/apps/llm/values/a.yaml": "{}\n",
      "infra/apps/llm/argocd/app-a.yaml": application("llm-a", "a"),
    });
    const r = inferConfig({ cwd: dir });
    expect(r.notCarried).toContainEqual({
      what: "infra/apps/llm/argocd/app-a.yaml",
      why: "render writes the Application of a to infra/apps/llm/argocd/llm-a.yaml; this file would stay next to it and deploy the same release twice — delete it once render has run",
    });
    expect(r.adopt).not.toContain("infra/apps/llm/argocd/app-a.yaml");
    // Chart.yaml's appVersion as Helm reads it: text, not the number 1.1.
    expect((r.config.chart as Record<string, unknown>).appVersion).toBe("1.10");
  });

  it("reports a template render does not produce", () => {
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART, "infra/apps/llm/charts/llama-cpp/templates/configmap.yaml": "kind: ConfigMap\n" });
    const r = inferConfig({ cwd: dir });
    expect(r.notCarried).toContainEqual({ what: "infra/apps/llm/charts/llama-cpp/templates/configmap.yaml", why: expect.stringContaining("render does not produce this file") as string });
    expect(r.adopt).toEqual(["infra/apps/llm/charts/llama-cpp/Chart.yaml"]);
  });
});

describe("inferConfig: Applications it leaves alone", () => {
  it("reports a multi-source Application of the chart instead of guessing", () => {
    const multi = [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: Application",
      "metadata:",
      "  name: llm-a",
      "  namespace: argocd",
      "spec:",
      "  project: default",
      "  sources:",
      "    - repoURL: https://git.acme.internal/llm.git",
      "      path: infra/apps/llm/charts/llama-cpp",
      "      helm:",
      "        valueFiles: [$values/a.yaml]",
      "    - repoURL: https://git.acme.internal/values.git",
      "      ref: values",
      "",
    ].join("\n");
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART, "infra/apps/llm/argocd/llm-a.yaml": multi });
    const r = inferConfig({ cwd: dir });
    expect(r.notCarried).toContainEqual({ what: "Application llm-a (infra/apps/llm/argocd/llm-a.yaml)", why: expect.stringContaining("multi-source Application") as string });
    expect(r.config.argocd).toBeUndefined();
  });
});
