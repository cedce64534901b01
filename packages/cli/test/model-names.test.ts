// One rule for names: lint, check and render report the same `layout/model-name` problem for a
// values file whose name render refuses, and lint still judges the file's content.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin, layoutCopy, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";

interface JsonProblem {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  message: string;
}

function named(problems: readonly JsonProblem[], file: string): JsonProblem[] {
  return problems.filter((p) => p.file === file && p.ruleId === "layout/model-name");
}

describe("layout/model-name in every command", () => {
  it.each([["my model.yaml"], ["Phi2.yaml"], ["modèle.yaml"], ["a\nkind: Secret.yaml"]])("%j: lint, check and render report the one same problem at line 1", async (name) => {
    const root = layoutCopy();
    const file = `${V}/${name}`;
    // A wrong type too: the name never hides the content's findings.
    writeFileSync(join(root, file), readFileSync(join(root, V, "phi2.yaml"), "utf8").replace(/^replicaCount: .*$/m, 'replicaCount: "two"'));
    const seen: JsonProblem[][] = [];
    for (const args of [["lint"], ["lint", file], ["check"], ["render", "--check"]]) {
      const r = await runCli([...args, "-f", "json"], root, { LLMCHART_HELM: helmBin });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(1);
      const problems = JSON.parse(r.stdout) as JsonProblem[];
      const found = named(problems, file);
      expect(found.map((p) => [p.line, p.column]), args.join(" ")).toEqual([[1, 1]]);
      seen.push(found);
      if (args[0] === "lint") expect(problems.some((p) => p.file === file && p.ruleId === "schema/type")).toBe(true);
    }
    expect(new Set(seen.map((s) => s[0]!.message)).size).toBe(1);
    expect(seen[0]![0]!.message).not.toContain("\n");
  }, 120_000);

  it("lint leaves a file outside the values folder alone (it is not a model)", async () => {
    const root = layoutCopy();
    writeFileSync(join(root, "Other Name.yaml"), readFileSync(join(root, V, "phi2.yaml")));
    const r = await runCli(["lint", "-f", "json", "Other Name.yaml"], root);
    expect((JSON.parse(r.stdout) as JsonProblem[]).filter((p) => p.ruleId === "layout/model-name")).toEqual([]);
  });
});
