import { parseSource } from "@llmchart/schema";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkConfigDocument, configDocumentProblems } from "../src/config/check.js";
import { loadConfig } from "../src/config/load.js";
import { rememberedConfigAt } from "../src/config/location.js";

const config = (text: string) => parseSource("llmchart.config.yaml", text, { yaml: "1.2" });
const PLACEHOLDER = "argocd:\n  repoURL: https://github.com/example/llm-gitops.git\n";

describe("the config module's check", () => {
  it("reports a placeholder repoURL as a warning of a usable config, and resolves the layout once", () => {
    const checked = checkConfigDocument(config(PLACEHOLDER));
    expect(checked.config).toBeDefined();
    expect(checked.layout).toEqual({ chartDir: "infra/apps/llm/charts/llama-cpp", valuesDir: "infra/apps/llm/values", applicationsDir: "infra/apps/llm/argocd", chartValues: "infra/apps/llm/charts/llama-cpp/values.yaml" });
    expect(checked.problems.map((p) => [p.ruleId, p.severity, p.line])).toEqual([["config/placeholder-repo-url", "warning", 2]]);
  });

  it("keeps the editor's view of the document: schema and rule-id problems, no cluster warnings", () => {
    expect(configDocumentProblems(config(PLACEHOLDER))).toEqual([]);
  });

  it("refuses an unknown rule id, with nothing usable", () => {
    const checked = checkConfigDocument(config("rules:\n  no-such-rule: error\n"));
    expect(checked.config).toBeUndefined();
    expect(checked.layout).toBeUndefined();
    expect(checked.problems.map((p) => p.ruleId)).toEqual(["config/unknown-rule"]);
  });
});

describe("loading the config", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("remembers the check with its layout in check's cache, which the early start reads without parsing", () => {
    dir = mkdtempSync(join(tmpdir(), "llmchart-config-"));
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, "llmchart.config.yaml"), `layout:\n  root: .\n  valuesDir: models\n${PLACEHOLDER}`);
    const env = { LLMCHART_CACHE_DIR: join(dir, "cache") };
    expect(rememberedConfigAt(dir, undefined, env)).toBeUndefined();
    const loaded = loadConfig({ cwd: dir, cacheEnv: env });
    expect(loaded.layout.valuesDir).toBe("models");
    expect(loaded.problems.map((p) => p.ruleId)).toEqual(["config/placeholder-repo-url"]);
    const remembered = rememberedConfigAt(dir, undefined, env);
    expect(remembered).toMatchObject({ root: dir, path: "llmchart.config.yaml", layout: loaded.layout, problems: loaded.problems });
    expect(loadConfig({ cwd: dir, cacheEnv: env })).toMatchObject({ layout: loaded.layout, problems: loaded.problems });
  });
});
