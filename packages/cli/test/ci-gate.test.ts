// The CI gate (issue 16): in CI a missing helm is an error unless skipping is asked for, and every
// rule in the SARIF log links to its documentation.
import { describe, expect, it } from "vitest";
import { helmBin, layoutCopy, runCli } from "./helpers.js";

const noHelm = { LLMCHART_HELM: "", HELM_BIN: "", PATH: "/nonexistent" };

describe("the CI gate", () => {
  it("with CI set, no helm is exit 2 with one line; --allow-no-helm skips rendering with a warning", async () => {
    const dir = layoutCopy();
    const ci = await runCli(["check"], dir, { ...noHelm, CI: "true" });
    expect(ci.code).toBe(2);
    expect(ci.stderr).toMatch(/^llmchart: no helm found .*in CI \(CI is set\) this is an error — pass --allow-no-helm to skip rendering\n$/);
    const allowed = await runCli(["check", "--allow-no-helm", "--format", "json"], dir, { ...noHelm, CI: "true" });
    expect(allowed.code).toBe(0);
    expect((JSON.parse(allowed.stdout) as { ruleId: string }[]).map((p) => p.ruleId)).toContain("helm/skipped");
    const local = await runCli(["check", "--format", "json"], dir, noHelm);
    expect(local.code).toBe(0);
  });

  it("gives every rule of the SARIF log a helpUri to its docs page", async () => {
    const r = await runCli(["check", "--format", "sarif"], layoutCopy(), { LLMCHART_HELM: helmBin });
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.length).toBeGreaterThan(60);
    for (const rule of rules) expect(rule.helpUri, rule.id).toMatch(/\/docs\/rules\/[a-z0-9-]+\.md(#[a-z0-9-]+)?$/);
  });
});
