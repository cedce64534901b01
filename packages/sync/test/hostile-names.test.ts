// Model names and values file names that look like something else to YAML or to a path parser.
import { defaultConfig, type ResolvedConfig } from "@llmchart/schema";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { modelOf } from "../src/application.js";
import { renderApplications } from "../src/applications.js";

const config: ResolvedConfig = { ...defaultConfig, argocd: { repoURL: "https://git.example.com/llm.git", targetRevision: "on" } };

describe("Applications as Argo CD (go-yaml, YAML 1.1) reads them", () => {
  it.each(["no", "on", "y", "off", "010", "1e3", "null"])("keeps the model %s a string in every field", (model) => {
    const { files, problems } = renderApplications(config, [`infra/apps/llm/values/${model}.yaml`]);
    expect(problems).toEqual([]);
    const app = parse(files[0]!.content, { version: "1.1" }) as { metadata: { labels: Record<string, unknown> }; spec: { source: { targetRevision: unknown } } };
    expect(app.metadata.labels["llmchart.dev/model"]).toBe(model);
    expect(app.spec.source.targetRevision).toBe("on");
  });
});

describe("model names from file names", () => {
  it("takes a backslash as part of the name, not as a folder separator", () => {
    expect(modelOf("infra/apps/llm/values/a\\b.yaml")).toBe("a\\b");
    expect(renderApplications(config, ["infra/apps/llm/values/x\\n.yaml"]).problems.map((p) => p.ruleId)).toEqual(["layout/model-name"]);
  });
});
