import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintDocuments, lintLayout } from "../src/lint.js";
import { loadProject } from "../src/project.js";

/**
 * A fact that holds for every file of a run (the config pins a build newer than the flag data)
 * is said once per run, across lint's batches of files, and not at all in an editor's per-buffer lint.
 */
describe("facts of the whole run", () => {
  const root = mkdtempSync(join(tmpdir(), "llmchart-run-facts-"));
  afterAll(() => { rmSync(root, { recursive: true, force: true }); });
  // The default config pins server-b11429, newer than the flag data; 20 files are three batches.
  writeFileSync(join(root, "llmchart.config.yaml"), "images:\n  server: { repository: ghcr.io/ggml-org/llama.cpp, tag: server-b11429 }\n");
  const values = join(root, "infra", "apps", "llm", "values");
  mkdirSync(values, { recursive: true });
  const text = "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\n";
  for (let i = 0; i < 20; i++) writeFileSync(join(values, `m${String(i).padStart(2, "0")}.yaml`), text);
  writeFileSync(join(values, "own.yaml"), `image:\n  tag: server-b11000\n${text}`);
  const project = loadProject({ cwd: root });
  const facts = (problems: readonly { ruleId: string; messageId?: string; file: string }[]) =>
    problems.filter((p) => p.ruleId === "image-tag-floating").map((p) => `${p.file.split("/").pop()} ${p.messageId}`);

  it("says the config's pin once per lint run, and a file's own newer tag on that file", async () => {
    const { problems } = await lintLayout({ project });
    expect(facts(problems)).toEqual(["m00.yaml configNewerThanData", "own.yaml newerThanData"]);
  });

  it("does not say it on every buffer an editor lints", async () => {
    const { problems } = await lintDocuments(project, [{ path: "infra/apps/llm/values/m05.yaml", text }], { runFacts: false });
    expect(facts(problems)).toEqual([]);
    const once = await lintDocuments(project, [{ path: "infra/apps/llm/values/m05.yaml", text }]);
    expect(facts(once.problems)).toEqual(["m05.yaml configNewerThanData"]);
  });
});
