import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const noHelm = { LLMCHART_HELM: "", PATH: "/nonexistent", LLMCHART_CACHE_DIR: "" };

describe("llmchart check <files…> (the pre-commit framework passes file names)", () => {
  it("checks only the models of the values files it is given", async () => {
    const dir = layoutCopy();
    writeFileSync(join(dir, V, "mistral7b.yaml"), "replicaCount: one\n");
    const only = await runCli(["check", "--no-cache", "--format", "compact", `${V}/phi2.yaml`], dir, noHelm);
    expect(only.stdout).not.toContain("mistral7b.yaml");
    const bad = await runCli(["check", "--no-cache", "--format", "compact", `${V}/phi2.yaml`, `${V}/mistral7b.yaml`], dir, noHelm);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`^${V}/mistral7b\\.yaml:1:15 error schema/type `, "m"));
  });

  it("has nothing to do for files outside the layout", async () => {
    const dir = layoutCopy();
    writeFileSync(join(dir, V, "mistral7b.yaml"), "replicaCount: one\n");
    const r = await runCli(["check", "--no-cache", "docs/other.yaml", "README.md"], dir, noHelm);
    expect(r).toEqual({ code: 0, stdout: "llmchart check: nothing under the LLM layout changed\n", stderr: "" });
  });

  it("checks every model when the config is among the files", async () => {
    const dir = layoutCopy();
    writeFileSync(join(dir, V, "mistral7b.yaml"), "replicaCount: one\n");
    const r = await runCli(["check", "--no-cache", "--format", "compact", "llmchart.config.yaml"], dir, noHelm);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${V}/mistral7b.yaml:1:15 error schema/type`);
  });

  it("refuses files together with --changed", async () => {
    const r = await runCli(["check", "--changed", `${V}/phi2.yaml`], layoutCopy(), noHelm);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("llmchart check: give one of --changed, --since or files, not several\n");
  });
});
