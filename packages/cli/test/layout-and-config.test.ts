// One resolved layout and one config load for every command (issue 11), config discovery like
// ESLint's (issue 16), and one bad file never hiding the rest.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const APPS = "infra/apps/llm/argocd";
type P = { ruleId: string; severity: string; file: string; line: number; message: string };
const json = (s: string) => JSON.parse(s) as P[];

describe("layout.root elsewhere works for every command", () => {
  it("lint, render, check, new and rotate all use deploy/llm", async () => {
    const dir = layoutCopy();
    mkdirSync(join(dir, "deploy"), { recursive: true });
    renameSync(join(dir, "infra/apps/llm"), join(dir, "deploy/llm"));
    rmSync(join(dir, "infra"), { recursive: true, force: true });
    const config = join(dir, "llmchart.config.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("root: infra/apps/llm", "root: deploy/llm"));
    const env = { LLMCHART_HELM: helmBin };
    const lint = await runCli(["lint", "--quiet", "--format", "compact"], dir, env);
    expect(lint.code, lint.stderr + lint.stdout).toBe(0);
    const render = await runCli(["render"], dir, env);
    expect(render.code, render.stderr + render.stdout).toBe(0);
    expect(existsSync(join(dir, "deploy/llm/argocd/llm-phi2.yaml"))).toBe(true);
    const check = await runCli(["check", "--quiet"], dir, env);
    expect(check.code, check.stderr + check.stdout).toBe(0);
    const made = await runCli(["new", "qwen7b", "--repo-id", "Qwen/Qwen2.5-7B-Instruct-GGUF", "--file", "qwen2.5-7b-instruct-q4_k_m.gguf", "--cpu", "4"], dir, env);
    expect(made.code, made.stderr + made.stdout).toBe(0);
    expect(existsSync(join(dir, "deploy/llm/values/qwen7b.yaml"))).toBe(true);
    expect(existsSync(join(dir, "deploy/llm/argocd/llm-qwen7b.yaml"))).toBe(true);
    const rotated = await runCli(["rotate", "phi2", "--value", "r1"], dir, env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(readFileSync(join(dir, "deploy/llm/values/phi2.yaml"), "utf8")).toContain('"r1"');
  });
});

describe("config discovery and -c", () => {
  it("finds the repository's config from a subdirectory, its rule severities included", async () => {
    const dir = layoutCopy();
    const config = join(dir, "llmchart.config.yaml");
    writeFileSync(config, `${readFileSync(config, "utf8")}\nrules:\n  ctx-exceeds-training: error\n`.replace(/\nrules:\s*\{\}\s*\n/, "\n"));
    const sub = join(dir, V);
    const r = await runCli(["lint", "--format", "json", "phi2.yaml"], sub);
    expect(r.stderr).toBe("");
    const p = json(r.stdout).find((x) => x.ruleId === "ctx-exceeds-training");
    expect(p?.severity).toBe("error");
    expect(p?.file).toBe(`${V}/phi2.yaml`);
    expect(r.code).toBe(1);
  });

  it("check -c other.yaml lints with that file's severities", async () => {
    const dir = layoutCopy();
    const text = readFileSync(join(dir, "llmchart.config.yaml"), "utf8");
    writeFileSync(join(dir, "other.yaml"), `${text}\nrules:\n  ctx-exceeds-training: "off"\n`.replace(/\nrules:\s*\{\}\s*\n/, "\n"));
    const r = await runCli(["check", "-c", "other.yaml", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(json(r.stdout).map((p) => p.ruleId)).not.toContain("ctx-exceeds-training");
    const plain = await runCli(["check", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(json(plain.stdout).map((p) => p.ruleId)).toContain("ctx-exceeds-training");
  });
});

describe("one bad file never hides the rest", () => {
  it("x.yaml next to x.yml: layout/duplicate-model on the second, exit 1, every other model linted, rendered and checked", async () => {
    const dir = layoutCopy();
    cpSync(join(dir, V, "phi2.yaml"), join(dir, V, "phi2.yml"));
    writeFileSync(join(dir, V, "mistral7b.yaml"), readFileSync(join(dir, V, "mistral7b.yaml"), "utf8").replace("replicaCount: 1", 'replicaCount: "one"'));
    for (const args of [["check", "--format", "json"], ["render", "--check", "--format", "json"]]) {
      const r = await runCli(args, dir, { LLMCHART_HELM: helmBin });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).not.toMatch(/internal error/);
      const problems = json(r.stdout);
      expect(problems).toContainEqual(expect.objectContaining({ file: `${V}/phi2.yml`, ruleId: "layout/duplicate-model" }));
      if (args[0] === "check") expect(problems).toContainEqual(expect.objectContaining({ file: `${V}/mistral7b.yaml`, ruleId: "schema/type" }));
    }
    const rendered = await runCli(["render"], dir);
    expect(rendered.code).toBe(1);
    expect(existsSync(join(dir, APPS, "llm-phi2.yaml"))).toBe(true);
  });

  it("a dangling symlink is io/unreadable on that file; the rest is still checked", async () => {
    const dir = layoutCopy();
    symlinkSync(join(dir, "nowhere.yaml"), join(dir, V, "ghost.yaml"));
    const r = await runCli(["check", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(1);
    const problems = json(r.stdout);
    expect(problems).toContainEqual(expect.objectContaining({ file: `${V}/ghost.yaml`, ruleId: "io/unreadable", message: expect.stringContaining("dangling") as unknown }));
    expect(problems.some((p) => p.file === `${V}/phi2.yaml`)).toBe(true);
  });

  it("an uncreatable cache folder disables the cache with one warning, and check still finishes", async () => {
    const dir = layoutCopy();
    const r = await runCli(["check", "--format", "compact"], dir, { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: "/proc/llmchart-cache/x" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^llmchart: warning: cache folder \/proc\/llmchart-cache\/x cannot be used .*continuing without a cache\n$/);
  });
});

describe("git failures say what git said", () => {
  it("check --since no-such-rev exits 2 with git's message", async () => {
    const dir = committed(layoutCopy());
    const r = await runCli(["check", "--since", "no-such-rev"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("llmchart check: git rev-parse no-such-rev: fatal: unknown revision 'no-such-rev' (not a commit in this repository)\n");
  });
});

describe("render never overwrites a hand-written Application", () => {
  const handWritten = `# written by the platform team
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: llm-phi2
  namespace: argocd
spec:
  project: platform
  source:
    repoURL: https://git.lab.internal/llm-gitops
    targetRevision: HEAD
    path: infra/apps/llm/charts/llama-cpp
    helm:
      valueFiles: [../../values/phi2.yaml]
  destination: { server: https://kubernetes.default.svc, namespace: llm }
`;

  it("reports it, writes nothing there, exits 1; --adopt shows what changes and takes it over", async () => {
    const dir = layoutCopy();
    const file = join(dir, APPS, "llm-phi2.yaml");
    writeFileSync(file, handWritten);
    const r = await runCli(["render", "--format", "compact"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${APPS}/llm-phi2.yaml:1:1 error render/hand-written hand-written file (no generated header) where render would write`);
    expect(readFileSync(file, "utf8")).toBe(handWritten);
    const check = await runCli(["render", "--check", "--format", "compact"], dir);
    expect(check.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(handWritten);

    const adopted = await runCli(["render", "--adopt", `${APPS}/llm-phi2.yaml`], dir);
    expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0);
    expect(adopted.stdout).toContain(`adopted ${APPS}/llm-phi2.yaml (hand-written → generated):`);
    expect(adopted.stdout).toMatch(/spec\.project: "platform" → "/);
    expect(readFileSync(file, "utf8")).toMatch(/generated by `pnpm render`/);
  });

  it("--adopt of a path render does not produce is a usage error", async () => {
    const dir = layoutCopy();
    const r = await runCli(["render", "--adopt", "README.md"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--adopt README\.md: render produces no file at that path/);
  });

  it("warns about a placeholder repoURL in check", async () => {
    const dir = layoutCopy();
    const config = join(dir, "llmchart.config.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace(/repoURL: .*/, "repoURL: https://github.com/example/llm-gitops.git"));
    expect((await runCli(["render"], dir)).code).toBe(0);
    const r = await runCli(["check", "--format", "json"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toContainEqual(expect.objectContaining({ ruleId: "config/placeholder-repo-url", severity: "warning", file: "llmchart.config.yaml" }));
  });
});

describe("lint --fix says what it changed", () => {
  it("prints one line per fix: file:line:col rule: before → after", async () => {
    const dir = layoutCopy();
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, readFileSync(phi2, "utf8").replace("/models/phi-2.Q4_K_M.gguf", "/models/phi2.gguf"));
    const r = await runCli(["lint", "--fix", "--quiet", `${V}/phi2.yaml`], dir);
    expect(r.stderr).toMatch(new RegExp(`^fixed ${V}/phi2\\.yaml:\\d+:\\d+ model-path: "/models/phi2\\.gguf" → "/models/phi-2\\.Q4_K_M\\.gguf"\\n$`));
    expect(readFileSync(phi2, "utf8")).toContain("/models/phi-2.Q4_K_M.gguf");
  });
});

describe("Helm's deep merge is how values are judged", () => {
  it("a values file may set part of a Kubernetes object whose required fields the chart defaults supply", async () => {
    const dir = layoutCopy();
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, `${readFileSync(phi2, "utf8")}podSecurityContext:\n  seccompProfile:\n    localhostProfile: ""\n`);
    const ok = await runCli(["lint", "--quiet", "--format", "compact", `${V}/phi2.yaml`], dir);
    expect(ok.stdout).toBe("");
    expect(ok.code).toBe(0);
    // Without the chart default (type deleted with null) the required field really is missing.
    writeFileSync(phi2, readFileSync(phi2, "utf8").replace('localhostProfile: ""', 'localhostProfile: ""\n    type: null'));
    const bad = await runCli(["lint", "--quiet", "--format", "compact", `${V}/phi2.yaml`], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/schema\/(required|type) /);
  });
});
