// The README's `pnpm llmchart check  # what CI runs` must be true here: the repository's own
// script finds the Helm of its dev dependency, with no LLMCHART_HELM and no helm on PATH.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { layoutCopy, repoRoot } from "./helpers.js";

describe("scripts/llmchart.mjs (pnpm llmchart)", () => {
  it("renders every model with the repository's own helm when none is named", () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "LLMCHART_HELM" && k !== "HELM_BIN" && k !== "CI"));
    const r = spawnSync(process.execPath, [join(repoRoot, "scripts", "llmchart.mjs"), "check", "--format", "json", "--no-cache"], {
      cwd: layoutCopy(),
      env: { ...env, PATH: "/usr/bin:/bin", NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const ids = (JSON.parse(r.stdout) as { ruleId: string }[]).map((p) => p.ruleId);
    expect(ids).not.toContain("helm/skipped");
  });
});
