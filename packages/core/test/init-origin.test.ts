import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { initProject } from "../src/init.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-init-origin-"));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

const CHART = "apiVersion: v2\nname: llama-cpp\nversion: 0.1.0\n";

describe("initProject asks git for the origin remote (inference itself starts no process)", () => {
  test("repoURL from `git remote get-url origin` when no Application names one", async () => {
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART });
    execFileSync("git", ["remote", "add", "origin", "git@git.acme.internal:platform/llm.git"], { cwd: dir });
    const { inferred } = await initProject({ cwd: dir, dryRun: true });
    expect((inferred.config.argocd as Record<string, unknown>).repoURL).toBe("git@git.acme.internal:platform/llm.git");
    expect(inferred.report.find((i) => i.what === "argocd.repoURL")?.from).toBe("git remote get-url origin");
  });

  test("no origin: repoURL is left out with what to do", async () => {
    const dir = repo({ "infra/apps/llm/charts/llama-cpp/Chart.yaml": CHART });
    const { inferred } = await initProject({ cwd: dir, dryRun: true });
    expect(inferred.notCarried).toContainEqual({ what: "argocd.repoURL", why: "no Argo CD Application to read it from and no git remote origin; set argocd.repoURL before render" });
  });
});
