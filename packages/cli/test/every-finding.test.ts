// Issue 23: one schema error used to hide every llama.cpp finding of the file. lint (every
// format), check and the pre-commit hook now report the schema error and the policy errors of
// the values it is not about, in one run.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, git, helmBin, layoutCopy, runCli } from "./helpers.js";

const PHI2 = "infra/apps/llm/values/phi2.yaml";

type P = { ruleId: string; severity: string; file: string; line: number; column: number };

/** phi2.yaml with `replicaCount: "two"`, `-t 16` on its 4-CPU limit and a `-m` path that is not model.filename. */
function issueExample(dir: string): void {
  const file = join(dir, PHI2);
  const text = readFileSync(file, "utf8")
    .replace("replicaCount: 1", 'replicaCount: "two"')
    .replace('  - "/models/phi-2.Q4_K_M.gguf"', '  - "/models/phi-2.Q5_K_M.gguf"')
    .replace('  - "-t"\n  - "4"', '  - "-t"\n  - "16"');
  writeFileSync(file, text);
}

/** The errors (the schema error, then the llama.cpp ones), where the edited phi2.yaml has them. */
const EXPECTED = [`${PHI2}:3:15 schema/type`, `${PHI2}:28:5 model-path`, `${PHI2}:32:5 threads-exceed-cpu-limit`];

function errorsOf(stdout: string): string[] {
  return (JSON.parse(stdout) as P[]).filter((p) => p.severity === "error").map((p) => `${p.file}:${p.line}:${p.column} ${p.ruleId}`);
}

describe("a schema error next to llama.cpp errors (issue 23's example)", () => {
  it("lint reports them all at once, with positions", async () => {
    const dir = layoutCopy();
    issueExample(dir);
    const r = await runCli(["lint", "--format", "json", PHI2], dir);
    expect(r.code).toBe(1);
    expect(errorsOf(r.stdout)).toEqual(EXPECTED);
  });

  it("every lint format carries every finding", async () => {
    const dir = layoutCopy();
    issueExample(dir);
    for (const format of ["stylish", "compact", "json", "sarif", "github"]) {
      const r = await runCli(["lint", "--format", format, PHI2], dir);
      expect(r.code, format).toBe(1);
      for (const id of ["schema/type", "model-path", "threads-exceed-cpu-limit"]) expect(r.stdout, `${format}: ${id}`).toContain(id);
    }
  });

  it("check reports them all, and does not render the file with Helm", async () => {
    const dir = layoutCopy();
    issueExample(dir);
    const r = await runCli(["check", "--format", "json", "--no-cache"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code).toBe(1);
    expect(errorsOf(r.stdout).filter((e) => e.startsWith(`${PHI2}:`))).toEqual(EXPECTED);
    expect((JSON.parse(r.stdout) as P[]).filter((p) => p.file === PHI2 && /^(helm|manifest)\//.test(p.ruleId))).toEqual([]);
  });

  it("check's lint cache gives the same findings on the next run", async () => {
    const dir = layoutCopy();
    issueExample(dir);
    const env = { LLMCHART_HELM: helmBin, LLMCHART_CACHE_DIR: join(dir, ".cache") };
    const first = await runCli(["check", "--format", "json", PHI2], dir, env);
    const second = await runCli(["check", "--format", "json", PHI2], dir, env);
    expect(errorsOf(first.stdout).filter((e) => e.startsWith(`${PHI2}:`))).toEqual(EXPECTED);
    expect(second.stdout).toBe(first.stdout);
  });

  it("the pre-commit hook refuses the commit naming every error", async () => {
    const dir = committed(layoutCopy());
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    issueExample(dir);
    git(dir, "add", "-A");
    const r = git(dir, "commit", "-m", "example");
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    for (const e of EXPECTED) {
      const [where, id] = e.split(" ");
      expect(out).toContain(`${where} error ${id}`);
    }
  });
});
