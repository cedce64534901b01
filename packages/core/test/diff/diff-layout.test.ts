import { renderChart } from "@llmchart/chart";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { diffExitCode, formatJson, formatMarkdown, immutableProblems, MARKDOWN_MARKER, type DiffResult, type ModelDiff } from "@llmchart/diff";
import { UnknownRevisionError } from "../../src/errors.js";
import { MISTRAL, PHI2, tempRepo, type TempRepo } from "./helpers.js";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});
const open = () => (repo = tempRepo());

const model = (r: DiffResult, name: string): ModelDiff => {
  const m = r.models.find((x) => x.model === name);
  if (!m) throw new Error(`model ${name} not in the diff (${r.models.map((x) => x.model).join(", ")})`);
  return m;
};
const riskIds = (m: ModelDiff) => m.objects.flatMap((o) => o.risks.map((r) => r.id));

describe("scope and base", () => {
  test("no change: nothing is rendered and --exit-code gives 0", async () => {
    const r = open();
    const result = await r.diff();
    expect(result.base).toMatchObject({ rev: "HEAD", reason: "HEAD" });
    expect(result.models).toEqual([]);
    expect(result.unchanged).toEqual(["dolphin-phi2", "mistral7b", "phi2"]);
    expect(diffExitCode(result, { exitCode: true })).toBe(0);
    expect(formatJson(result)).toBe("[]\n");
  });

  test("-c changed in one values file: pod-restart on that model only, with the field path and the rollout time", async () => {
    const r = open();
    r.edit(PHI2, '- "4096"', '- "8192"');
    const result = await r.diff();
    expect(result.scope).toBe("1 values file changed");
    expect(result.models.map((m) => m.model)).toEqual(["phi2"]);
    expect(result.unchanged).toEqual(["dolphin-phi2", "mistral7b"]);
    const phi2 = model(result, "phi2");
    expect(phi2).toMatchObject({ release: "llm-phi2", namespace: "llm", status: "changed", valuesFile: PHI2 });
    expect(phi2.objects).toHaveLength(1);
    const [deployment] = phi2.objects;
    expect(deployment).toMatchObject({ kind: "Deployment", name: "llm-phi2-llama-cpp", change: "changed" });
    expect(deployment!.fields).toEqual([{ path: "spec.template.spec.containers[name=server].args[3]", before: "4096", after: "8192" }]);
    expect(riskIds(phi2)).toEqual(["pod-restart"]);
    // phi-2 Q4_K_M: 2.78e9 × 4.89 / 8 ≈ 1.70 GB; at 5 MB/s 340 s, load at 200 MB/s 8 s.
    expect(deployment!.risks[0]!.message).toContain("1 pod restarts (RollingUpdate with maxUnavailable 0, maxSurge 1, 1 wave); expected rollout ≈ 5 min 48 s");
    expect(deployment!.risks[0]!.message).toContain("phi-2.Q4_K_M.gguf (≈ 1.7 GB) into the emptyDir at 5 MB/s ≈ 5 min 40 s + load ≈ 8 s");
    expect(diffExitCode(result)).toBe(0);
    expect(diffExitCode(result, { exitCode: true })).toBe(1);
    expect(diffExitCode(result, { failOn: ["downtime"] })).toBe(0);
    expect(diffExitCode(result, { failOn: ["pod-restart"] })).toBe(1);
  });

  test("an explicit base compares committed history; the default base is the merge-base with the upstream branch", async () => {
    const r = open();
    r.git("checkout", "-q", "-b", "feature");
    r.git("branch", "-q", "--set-upstream-to=main");
    r.edit(MISTRAL, '- "4096"', '- "2048"');
    r.commit("smaller context");
    const byDefault = await r.diff();
    expect(byDefault.base.reason).toBe("merge-base");
    expect(byDefault.base.rev).toBe("merge-base HEAD main");
    expect(byDefault.base.commit).toBe(r.git("rev-parse", "main").trim());
    expect(byDefault.models.map((m) => m.model)).toEqual(["mistral7b"]);
    const explicit = await r.diff({ base: "HEAD~1" });
    expect(explicit.base).toMatchObject({ rev: "HEAD~1", reason: "given" });
    expect(model(explicit, "mistral7b").objects[0]!.fields).toEqual([{ path: "spec.template.spec.containers[name=server].args[3]", before: "4096", after: "2048" }]);
    expect((await r.diff({ base: "HEAD" })).models).toEqual([]);
  });

  test("an unknown revision is a typed error carrying git's message", async () => {
    const r = open();
    const err = await r.diff({ base: "no-such-branch" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRevisionError);
    expect(err).toMatchObject({ code: "unknown-revision", exitCode: 2, revision: "no-such-branch", gitMessage: "bad revision 'no-such-branch^{commit}'" });
    expect((err as Error).message).toBe(`unknown revision "no-such-branch": bad revision 'no-such-branch^{commit}'`);
  });

  test("only the models asked for; an unknown model is an error", async () => {
    const r = open();
    r.edit(PHI2, '- "4096"', '- "8192"');
    r.edit(MISTRAL, '- "4096"', '- "2048"');
    expect((await r.diff({ models: ["mistral7b"] })).models.map((m) => m.model)).toEqual(["mistral7b"]);
    await expect(r.diff({ models: ["gpt5"] })).rejects.toMatchObject({ code: "unknown-model", message: expect.stringContaining('"gpt5"') as unknown });
  });

  test("a new values file is an added model, a deleted one a removed model", async () => {
    const r = open();
    r.write("infra/apps/llm/values/phi2b.yaml", r.read(PHI2));
    rmSync(join(r.dir, MISTRAL));
    const result = await r.diff();
    expect(model(result, "phi2b").status).toBe("added");
    expect(model(result, "phi2b").objects.map((o) => `${o.change} ${o.kind} ${o.name}`)).toContain("added Deployment llm-phi2b-llama-cpp");
    const removed = model(result, "mistral7b");
    expect(removed).toMatchObject({ status: "removed", valuesFile: MISTRAL });
    expect(removed.objects.every((o) => o.change === "removed")).toBe(true);
    expect(riskIds(removed)).toContain("endpoint-change");
  });

  test("the work tree and the index are never touched, and the temporary folder is removed", async () => {
    const r = open();
    r.edit(PHI2, '- "4096"', '- "8192"');
    r.git("add", PHI2);
    r.edit(MISTRAL, '- "4096"', '- "2048"');
    const status = r.git("status", "--porcelain");
    const tmp = mkdtempSync(join(tmpdir(), "llmchart-diff-tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const result = await r.diff();
      expect(result.models.map((m) => m.model)).toEqual(["mistral7b", "phi2"]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
    expect(r.git("status", "--porcelain")).toBe(status);
  });
});

describe("risks on the bundled chart", () => {
  test("nameOverride with the resource name kept (fullnameOverride): the Deployment selector changes in place → immutable-field", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\nnameOverride: phi\nfullnameOverride: llm-phi2-llama-cpp");
    const result = await r.diff();
    const phi2 = model(result, "phi2");
    const deployment = phi2.objects.find((o) => o.kind === "Deployment")!;
    expect(deployment.change).toBe("changed");
    expect(deployment.fields).toContainEqual({ path: 'spec.selector.matchLabels["app.kubernetes.io/name"]', before: "llama-cpp", after: "phi" });
    const immutable = deployment.risks.find((x) => x.id === "immutable-field")!;
    expect(immutable.severity).toBe("error");
    expect(immutable.message).toContain("spec.selector of Deployment llm-phi2-llama-cpp changes");
    expect(immutable.message).toContain("kubectl -n llm delete deployment llm-phi2-llama-cpp");
    expect(diffExitCode(result, { failOn: ["immutable-field"] })).toBe(1);

    // check --since: the same risk as an error at the values key that caused it.
    const problems = immutableProblems(result, r.dir);
    expect(problems).toEqual([
      expect.objectContaining({ ruleId: "diff/immutable-field", severity: "error", file: PHI2, line: 4, column: 1, path: "nameOverride", message: expect.stringContaining("Deployment llm-phi2-llama-cpp: spec.selector") as unknown }),
    ]);
  });

  test("nameOverride alone renames every object: the Service name changes → endpoint-change, the Deployment is replaced", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\nnameOverride: phi");
    const phi2 = model(await r.diff(), "phi2");
    const service = phi2.objects.find((o) => o.kind === "Service" && o.change === "removed")!;
    expect(service.name).toBe("llm-phi2-llama-cpp");
    expect(service.risks).toEqual([
      {
        id: "endpoint-change",
        severity: "warning",
        message: "Service llm-phi2-llama-cpp (port 8080) is removed: every client of llm-phi2-llama-cpp.llm.svc.cluster.local:8080 breaks; the model is now at llm-phi2-phi.llm.svc.cluster.local:8080",
      },
    ]);
    expect(phi2.objects.find((o) => o.kind === "Deployment" && o.change === "removed")!.risks.map((x) => x.id)).toEqual(["pod-restart"]);
  });

  test("a Service port change → endpoint-change with both ports", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\nservice:\n  port: 9090");
    const service = model(await r.diff(), "phi2").objects.find((o) => o.kind === "Service")!;
    expect(service.fields).toContainEqual({ path: "spec.ports[name=http].port", before: 8080, after: 9090 });
    expect(service.risks.map((x) => x.id)).toEqual(["endpoint-change"]);
    expect(service.risks[0]!.message).toContain("port 8080 → 9090");
  });

  test("Helm test pods are left out: Argo CD never creates them, so turning them off or changing the port they probe changes nothing there", async () => {
    const r = open();
    r.edit(PHI2, /$/, "tests:\n  enabled: false\n");
    const off = await r.diff();
    expect(model(off, "phi2").objects).toEqual([]);
    r.edit(PHI2, "tests:\n  enabled: false\n", "service:\n  port: 9090\n");
    const port = await r.diff();
    expect(model(port, "phi2").objects.map((o) => `${o.kind} ${o.name}`)).not.toContain("Pod llm-phi2-llama-cpp-test-health");
    expect(model(port, "phi2").objects.map((o) => o.kind)).toContain("Service");
  });

  test("Recreate with one replica → downtime, now for every later rollout, and with the time when the pods restart", async () => {
    const r = open();
    r.edit(PHI2, /strategy:\n(.*\n){5}/, "strategy:\n  type: Recreate\n");
    const strategyOnly = model(await r.diff(), "phi2");
    expect(riskIds(strategyOnly)).toEqual(["downtime"]);
    expect(strategyOnly.objects[0]!.risks[0]!.message).toBe(
      "Deployment llm-phi2-llama-cpp moves from RollingUpdate with maxUnavailable 0, maxSurge 1 to strategy Recreate (1 replica): no pod restarts now, but every later rollout leaves no serving pod for ≈ 5 min 48 s (download of phi-2.Q4_K_M.gguf (≈ 1.7 GB) into the emptyDir at 5 MB/s ≈ 5 min 40 s + load ≈ 8 s)",
    );
    r.edit(PHI2, '- "4096"', '- "8192"');
    const withRestart = model(await r.diff(), "phi2");
    expect(riskIds(withRestart)).toEqual(["downtime", "pod-restart"]);
    expect(withRestart.objects[0]!.risks[0]!.message).toContain("strategy Recreate and 1 replica stops every old pod before a new one serves: no pod serves Deployment llm-phi2-llama-cpp for ≈ 5 min 48 s");
  });

  test("RollingUpdate maxUnavailable 1, maxSurge 0 with one replica → downtime", async () => {
    const r = open();
    r.edit(PHI2, "maxUnavailable: 0", "maxUnavailable: 1");
    r.edit(PHI2, "maxSurge: 1", "maxSurge: 0");
    r.edit(PHI2, '"4"\n    memory: "8Gi"', '"3"\n    memory: "8Gi"');
    const phi2 = model(await r.diff(), "phi2");
    expect(riskIds(phi2).sort()).toEqual(["downtime", "pod-restart", "scheduling-change"]);
    const scheduling = phi2.objects[0]!.risks.find((x) => x.id === "scheduling-change")!;
    expect(scheduling.message).toContain("spec.template.spec.containers[name=server].resources.limits.cpu: \"4\" → \"3\"");
  });

  test("persistence turned off → volume-loss for the removed PVC, and the pods download the model again", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\npersistence:\n  enabled: true\n  size: 10Gi");
    r.commit("keep the model on a PVC");
    r.edit(PHI2, "  enabled: true\n  size: 10Gi", "  enabled: false\n  size: 10Gi");
    const phi2 = model(await r.diff(), "phi2");
    const pvc = phi2.objects.find((o) => o.kind === "PersistentVolumeClaim")!;
    expect(pvc).toMatchObject({ name: "llm-phi2-llama-cpp-models", change: "removed" });
    expect(pvc.risks).toEqual([
      {
        id: "volume-loss",
        severity: "warning",
        message:
          "PersistentVolumeClaim llm-phi2-llama-cpp-models (10Gi) is removed: Argo CD prunes it (unless it carries argocd.argoproj.io/sync-options: Prune=false) and the cached phi-2.Q4_K_M.gguf (≈ 1.7 GB) is lost and downloaded again by the next pod (≈ 5 min 40 s at 5 MB/s)",
      },
    ]);
    const deployment = phi2.objects.find((o) => o.kind === "Deployment")!;
    expect(deployment.fields).toContainEqual({ path: "spec.template.spec.volumes[name=models].persistentVolumeClaim", before: { claimName: "llm-phi2-llama-cpp-models" } });
    expect(deployment.fields).toContainEqual({ path: "spec.template.spec.volumes[name=models].emptyDir", after: {} });
    expect(deployment.risks.map((x) => x.id)).toEqual(["pod-restart"]);
  });

  test("a smaller PVC → immutable-field and volume-loss", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\npersistence:\n  enabled: true\n  size: 20Gi");
    r.commit("pvc");
    r.edit(PHI2, "size: 20Gi", "size: 10Gi");
    const result = await r.diff();
    const pvc = model(result, "phi2").objects.find((o) => o.kind === "PersistentVolumeClaim")!;
    expect(pvc.risks.map((x) => x.id)).toEqual(["immutable-field", "volume-loss"]);
    expect(pvc.risks[0]!.message).toContain("storage 20Gi → 10Gi (a claim can grow, never shrink)");
    expect(immutableProblems(result, r.dir)).toEqual([expect.objectContaining({ path: "persistence.size", line: 6, column: 3 })]);
  });

  test("env values whose names look like secrets are masked, still reported as changed", async () => {
    const r = open();
    r.edit(PHI2, "replicaCount: 1", "replicaCount: 1\nextraEnv:\n  - name: LLAMA_API_KEY\n    value: old-secret-value\n  - name: LLAMA_ARG_N_PARALLEL\n    value: \"2\"");
    r.commit("env");
    r.edit(PHI2, "old-secret-value", "new-secret-value");
    r.edit(PHI2, 'value: "2"', 'value: "4"');
    const result = await r.diff();
    const fields = model(result, "phi2").objects[0]!.fields;
    expect(fields).toEqual([
      { path: "spec.template.spec.containers[name=server].env[name=LLAMA_API_KEY].value", before: "***", after: "***" },
      { path: "spec.template.spec.containers[name=server].env[name=LLAMA_ARG_N_PARALLEL].value", before: "2", after: "4" },
    ]);
    expect(formatJson(result)).not.toContain("secret-value");
    expect(formatMarkdown(result)).not.toContain("secret-value");
  });
});

describe("chart and config", () => {
  /** Sets chart.version in the config and regenerates the chart from it, as `pnpm render` does. */
  function bumpChartVersion(r: TempRepo, version: string): void {
    r.edit("llmchart.config.yaml", /version: 0\.1\.0/, `version: ${version}`);
    for (const f of renderChart(r.config(), { renderCommand: "pnpm render" })) {
      mkdirSync(dirname(join(r.dir, f.path)), { recursive: true });
      writeFileSync(join(r.dir, f.path), f.content);
    }
  }

  test("the chart version bumped with nothing else: every model rendered, no changes reported", async () => {
    const r = open();
    bumpChartVersion(r, "0.2.0");
    expect(r.read("infra/apps/llm/charts/llama-cpp/Chart.yaml")).toContain("version: 0.2.0");
    const result = await r.diff();
    expect(result.scope).toBe("the chart changed: every model");
    expect(result.models.map((m) => m.model)).toEqual(["dolphin-phi2", "mistral7b", "phi2"]);
    expect(result.models.flatMap((m) => m.objects)).toEqual([]);
    expect(diffExitCode(result, { exitCode: true })).toBe(0);
    expect(formatMarkdown(result)).toContain("No changes to the rendered manifests");

    // The label did move: only the noise rule hides it.
    const noisy = await r.diff({ ignoreChartVersion: false });
    const fields = model(noisy, "phi2").objects.flatMap((o) => o.fields);
    expect(fields).toContainEqual({ path: 'metadata.labels["helm.sh/chart"]', before: "llama-cpp-0.1.0", after: "llama-cpp-0.2.0" });
  });

  test("a configurable ignore list hides fields", async () => {
    const r = open();
    r.edit(PHI2, '- "4096"', '- "8192"');
    const result = await r.diff({ ignore: ["Deployment:spec.template.spec.containers[*].args"] });
    expect(model(result, "phi2").objects).toEqual([]);
    expect(diffExitCode(result, { exitCode: true })).toBe(0);
  });

  test("a release prefix change in the config renames every model's objects", async () => {
    const r = open();
    r.edit("llmchart.config.yaml", "releasePrefix: llm-", "releasePrefix: ai-");
    const result = await r.diff();
    expect(result.scope).toBe("llmchart.config.yaml changed: every model");
    const phi2 = model(result, "phi2");
    expect(phi2.release).toBe("ai-phi2");
    expect(phi2.objects.filter((o) => o.kind === "Service").map((o) => `${o.change} ${o.name}`)).toEqual(["added ai-phi2-llama-cpp", "removed llm-phi2-llama-cpp"]);
  });

  test("the markdown of a real diff: marker, summary table and one section per model", async () => {
    const r = open();
    r.edit(PHI2, '- "4096"', '- "8192"');
    // mistral7b rolls with maxUnavailable 1, maxSurge 0 on one replica.
    r.edit(MISTRAL, '- "4096"', '- "2048"');
    const md = formatMarkdown(await r.diff());
    expect(md.startsWith(`${MARKDOWN_MARKER}\n### llmchart diff\n`)).toBe(true);
    expect(md).toContain("| mistral7b | 1 | ⚠️ downtime (warning) |");
    expect(md).toContain("| phi2 | 1 | ℹ️ pod-restart (info) |");
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md).toContain("| <code>spec.template.spec.containers[name=server].args[3]</code> | <code>&quot;4096&quot;</code> | <code>&quot;8192&quot;</code> |".replace(/&quot;/g, '"'));
  });
});

test("helm failures are reported per model, and exit code 2", async () => {
  const r = open();
  r.edit(PHI2, "replicaCount: 1", "replicaCount: one");
  const result = await r.diff();
  const phi2 = model(result, "phi2");
  expect(phi2.error).toMatch(/^helm template llm-phi2 failed on the working tree: /);
  expect(diffExitCode(result)).toBe(2);
  expect(existsSync(join(r.dir, PHI2))).toBe(true);
});

test("a base without the layout: every model is new", async () => {
  const r = open();
  r.git("checkout", "-q", "--orphan", "empty");
  r.git("rm", "-rq", "--cached", ".");
  r.git("commit", "-q", "--allow-empty", "-m", "nothing");
  const empty = r.git("rev-parse", "HEAD").trim();
  r.git("checkout", "-q", "-f", "main");
  const result = await r.diff({ base: empty });
  expect(result.scope).toBe("no llmchart.config.yaml at " + empty + ": every model is new");
  expect(result.models.map((m) => `${m.model} ${m.status}`)).toEqual(["dolphin-phi2 added", "mistral7b added", "phi2 added"]);
});

test("no helm, or a helm that cannot start, is a DiffError (exit 2)", async () => {
  const r = open();
  r.edit(PHI2, '- "4096"', '- "8192"');
  await expect(r.diff({ helm: "" })).rejects.toMatchObject({ code: "no-helm", exitCode: 2 });
  await expect(r.diff({ helm: join(r.dir, "no-such-helm") })).rejects.toMatchObject({ code: "no-helm", message: expect.stringContaining("cannot run helm at") as unknown });
});

test("a second values file for one model (x.yml beside x.yaml) is not the model's: x.yaml is, on both sides, as render and lint read the layout", async () => {
  const r = open();
  r.write("infra/apps/llm/values/phi2.yml", r.read(PHI2));
  r.commit("a duplicate");
  r.edit("infra/apps/llm/values/phi2.yml", '- "4096"', '- "8192"');
  const result = await r.diff();
  expect(result.models).toEqual([]);
  expect(result.unchanged).toEqual(["dolphin-phi2", "mistral7b", "phi2"]);
  r.edit(PHI2, '- "4096"', '- "8192"');
  expect((await r.diff()).models.map((m) => m.valuesFile)).toEqual([PHI2]);
});
