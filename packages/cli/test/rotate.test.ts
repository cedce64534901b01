import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers.js";

const V = "infra/apps/llm/values";

describe("llmchart rotate", () => {
  it("bumps the annotation in the named model, keeping comments", async () => {
    const dir = tempTree({
      [`${V}/phi2.yaml`]: "# phi2\npodAnnotations:\n  config/refresh: \"old\" # rotate me\nreplicaCount: 1\n",
      [`${V}/other.yaml`]: "replicaCount: 1\n",
    });
    const r = await runCli(["rotate", "phi2", "--value", "2026-11-27"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, V, "phi2.yaml"), "utf8")).toBe('# phi2\npodAnnotations:\n  config/refresh: "2026-11-27" # rotate me\nreplicaCount: 1\n');
    expect(readFileSync(join(dir, V, "other.yaml"), "utf8")).toBe("replicaCount: 1\n");
  });

  it("bumps every model with --all, using a timestamp by default", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n", [`${V}/b.yaml`]: "podAnnotations: {}\n" });
    const r = await runCli(["rotate", "--all"], dir);
    expect(r.code).toBe(0);
    for (const f of ["a.yaml", "b.yaml"]) {
      expect(parse(readFileSync(join(dir, V, f), "utf8")).podAnnotations["config/refresh"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    }
  });

  it("changes nothing when one of the files is missing or broken", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n", [`${V}/b.yaml`]: "a: 1\na: 2\n" });
    const missing = await runCli(["rotate", "a", "zz"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`llmchart: ${V}/zz.yaml: no values file for model "zz"\n`);
    const broken = await runCli(["rotate", "a", "b"], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^llmchart: ${V}/b.yaml:2:1: cannot edit`));
    expect(readFileSync(join(dir, V, "a.yaml"), "utf8")).toBe("replicaCount: 1\n");
  });

  it("refuses model names that would leave the values folder", async () => {
    const dir = tempTree({ [`${V}/a.yaml`]: "replicaCount: 1\n" });
    const r = await runCli(["rotate", "../../../x"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a model name/);
  });

  it("needs models or --all", async () => {
    expect((await runCli(["rotate"], tempTree({}))).code).toBe(2);
  });
});
