// diff's advice holds (issue 23 §4): a volume the change creates counts the download, a config or
// chart change render has not applied is compared as render will produce it, Helm hooks are treated
// as Argo CD treats them. Real git, real Helm.
import { renderChart } from "@llmchart/chart";
import { CONSERVATIVE_BYTES_PER_SECOND } from "@llmchart/policy";
import { isGenerated, type ResolvedConfig } from "@llmchart/schema";
import { renderApplications } from "@llmchart/sync";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { diffExitCode, DOWNLOAD_BYTES_PER_SECOND, formatDuration, formatJson, formatMarkdown, formatStylish, type DiffResult, type ModelDiff, type RenderState } from "@llmchart/diff";
import { MISTRAL, PHI2, tempRepo, type TempRepo } from "./helpers.js";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});
const open = () => (repo = tempRepo());
const model = (r: DiffResult, name: string): ModelDiff => r.models.find((x) => x.model === name)!;
const CHART = "infra/apps/llm/charts/llama-cpp";
const APPS = "infra/apps/llm/argocd";

/** What `render --check` finds in the temp repo, the way core's diffProject computes it (a test double of core's writer: content comparison). */
function renderState(r: TempRepo, config: ResolvedConfig): RenderState {
  const values = readdirSync(join(r.dir, "infra/apps/llm/values")).filter((f) => f.endsWith(".yaml")).map((f) => `infra/apps/llm/values/${f}`);
  // The copy's package.json has a render script: the headers name `pnpm render`, as core's render writes them there.
  const generate = { renderCommand: "pnpm render" };
  const files = [...renderChart(config, generate), ...renderApplications(config, values, undefined, generate).files];
  const drift: RenderState["drift"][number][] = [];
  const produced = new Set(files.map((f) => f.path));
  for (const f of files) {
    const abs = join(r.dir, f.path);
    if (!existsSync(abs)) drift.push({ path: f.path, kind: "missing" });
    else if (readFileSync(abs, "utf8") !== f.content) drift.push({ path: f.path, kind: "changed" });
  }
  for (const dir of [CHART, APPS]) {
    for (const rel of readdirSync(join(r.dir, dir), { recursive: true, encoding: "utf8" })) {
      const path = posix.join(dir, rel.split("\\").join("/"));
      const abs = join(r.dir, path);
      if (!produced.has(path) && existsSync(abs) && !readdirSafe(abs) && isGenerated(readFileSync(abs))) drift.push({ path, kind: "stale" });
    }
  }
  return { chartFiles: files.filter((f) => f.path.startsWith(`${CHART}/`)), drift };
}
const readdirSafe = (abs: string) => {
  try {
    readdirSync(abs);
    return true;
  } catch {
    return false;
  }
};

describe("a change that enables persistence: the new claim is empty", () => {
  test("the first rollout downloads the model into it, and with maxSurge 0 that is downtime — not '≈ 22 s, no download'", async () => {
    const r = open();
    r.edit(MISTRAL, "replicaCount: 1", "replicaCount: 1\npersistence:\n  enabled: true\n  size: 10Gi");
    const mistral = model(await r.diff(), "mistral7b");
    expect(mistral.objects.find((o) => o.kind === "PersistentVolumeClaim")).toMatchObject({ change: "added", name: "llm-mistral7b-llama-cpp-models" });
    const deployment = mistral.objects.find((o) => o.kind === "Deployment")!;
    const bytes = Math.round((7.24e9 * 4.89) / 8);
    const download = formatDuration(bytes / CONSERVATIVE_BYTES_PER_SECOND);
    const restart = deployment.risks.find((x) => x.id === "pod-restart")!.message;
    expect(restart).toContain(`download of mistral-7b-instruct-v0.2.Q4_K_M.gguf (≈ 4.4 GB) into the new, empty PersistentVolumeClaim llm-mistral7b-llama-cpp-models at 5 MB/s ≈ ${download} (this rollout only: later pods find the file on the claim) + load ≈ 22 s`);
    expect(restart).not.toContain("no download");
    const downtime = deployment.risks.find((x) => x.id === "downtime")!.message;
    expect(downtime).toMatch(/^RollingUpdate with maxUnavailable 1, maxSurge 0 and 1 replica stops every old pod before a new one serves: no pod serves Deployment llm-mistral7b-llama-cpp for ≈ 15 min \d+ s \(download of mistral-7b-instruct-v0\.2\.Q4_K_M\.gguf \(≈ 4\.4 GB\) into the new, empty PersistentVolumeClaim/);
  });

  test("once the claim exists, a later rollout finds the file there: no download", async () => {
    const r = open();
    r.edit(MISTRAL, "replicaCount: 1", "replicaCount: 1\npersistence:\n  enabled: true\n  size: 10Gi");
    r.commit("persistence");
    r.edit(MISTRAL, '- "4096"', '- "8192"');
    const restart = model(await r.diff(), "mistral7b").objects[0]!.risks.find((x) => x.id === "pod-restart")!.message;
    expect(restart).toContain("mistral-7b-instruct-v0.2.Q4_K_M.gguf (≈ 4.4 GB) stays on the persistent volume, no download; load ≈ 22 s");
  });

  test("model.sizeBytes, when given, is the size downloaded", async () => {
    const r = open();
    r.edit(MISTRAL, "replicaCount: 1", "replicaCount: 1\npersistence:\n  enabled: true\n  size: 10Gi");
    r.edit(MISTRAL, 'filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf"', 'filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf"\n  sizeBytes: 9000000000');
    const restart = model(await r.diff(), "mistral7b").objects.find((o) => o.kind === "Deployment")!.risks.find((x) => x.id === "pod-restart")!.message;
    expect(restart).toContain(`(≈ 9.0 GB) into the new, empty PersistentVolumeClaim llm-mistral7b-llama-cpp-models at 5 MB/s ≈ ${formatDuration(9e9 / DOWNLOAD_BYTES_PER_SECOND)}`);
  });

  test("the download rate is the progress-deadline rule's", () => {
    expect(DOWNLOAD_BYTES_PER_SECOND).toBe(CONSERVATIVE_BYTES_PER_SECOND);
  });
});

describe("a config change render has not applied", () => {
  const addDefault = (r: TempRepo): void => {
    r.edit("llmchart.config.yaml", /^argocd:/m, "defaults:\n  podAnnotations:\n    team: ml\nargocd:");
  };

  test("is compared as render will produce it, with one line saying render must run — never 'every model' then 'no changes'", async () => {
    const r = open();
    addDefault(r);
    const config = r.config();
    const result = await r.diff({ config, rendered: renderState(r, config) });
    expect(result.renderPending?.message).toMatch(/^render has not run: the chart is not what llmchart\.config\.yaml generates \(README\.md differs and 1 more\): shown is what `llmchart render` will produce — run `llmchart render` and commit the result$/);
    expect(result.scope).toBe("the chart llmchart.config.yaml generates changed (render has not run): every model, with that chart");
    for (const name of ["dolphin-phi2", "mistral7b", "phi2"]) {
      expect(model(result, name).objects.find((o) => o.kind === "Deployment")?.fields).toContainEqual({ path: "spec.template.metadata.annotations", after: { team: "ml" } });
    }
    const text = formatStylish(result);
    expect(text.split("\n")[1]).toBe(result.renderPending!.message);
    expect(text).not.toMatch(/^no changes/m);
    expect(formatMarkdown(result)).toContain(`⚠️ render has not run`);
    expect(diffExitCode(result, { exitCode: true })).toBe(1);
  });

  test("following it (render, then diff): the same changes, and nothing pending", async () => {
    const r = open();
    addDefault(r);
    const config = r.config();
    const before = await r.diff({ config, rendered: renderState(r, config) });
    for (const f of renderChart(config, { renderCommand: "pnpm render" })) {
      mkdirSync(dirname(join(r.dir, f.path)), { recursive: true });
      writeFileSync(join(r.dir, f.path), f.content);
    }
    const after = await r.diff({ config, rendered: renderState(r, config) });
    expect(after.renderPending).toBeUndefined();
    expect(after.scope).toBe("the chart changed: every model");
    expect(formatJson(after)).toBe(formatJson(before));
  });

  test("a renamed values file while the Applications are stale says so, besides 'model added/removed'", async () => {
    const r = open();
    writeFileSync(join(r.dir, "infra/apps/llm/values/phi.yaml"), r.read(PHI2));
    r.git("rm", "-q", PHI2);
    const config = r.config();
    const result = await r.diff({ config, rendered: renderState(r, config) });
    expect(result.models.map((m) => `${m.model} ${m.status}`)).toEqual(["phi added", "phi2 removed"]);
    expect(result.renderPending?.applications.sort()).toEqual([`${APPS}/llm-phi.yaml`, `${APPS}/llm-phi2.yaml`]);
    expect(result.renderPending?.message).toBe(
      "render has not run: the Argo CD Applications are stale (llm-phi.yaml missing, llm-phi2.yaml no longer produced), so Argo CD still deploys the old set of models — run `llmchart render` and commit the result",
    );
  });
});

describe("Helm hooks, as Argo CD treats them", () => {
  const job = (name: string, hook: string) =>
    `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-${name}\n  annotations:\n    helm.sh/hook: ${hook}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: c\n          image: busybox:1.36\n          args: [{{ .Values.replicaCount | quote }}]\n`;

  test("an install/upgrade hook is marked as the Argo CD hook it becomes; a rollback hook, which Argo CD never applies, is left out", async () => {
    const r = open();
    r.write(`${CHART}/templates/migrate.yaml`, job("migrate", "pre-install,pre-upgrade"));
    r.write(`${CHART}/templates/rollback.yaml`, job("rollback", "pre-rollback"));
    r.commit("hooks");
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 2");
    const phi2 = model(await r.diff(), "phi2");
    const jobs = phi2.objects.filter((o) => o.kind === "Job");
    expect(jobs.map((o) => o.name)).toEqual(["llm-phi2-migrate"]);
    expect(jobs[0]!.hook).toBe("an Argo CD PreSync hook (helm.sh/hook: pre-install,pre-upgrade): runs in that phase of a sync and is not part of the application's live state");
    expect(formatStylish({ ...(await r.diff()) })).toContain("~ Job llm-phi2-migrate — an Argo CD PreSync hook");
    expect(JSON.parse(formatJson(await r.diff())) as unknown[]).toContainEqual(expect.objectContaining({ kind: "Job", hook: jobs[0]!.hook }));
  });
});
