// The README's `pnpm llmchart check  # what CI runs` must be true here: the repository's own
// script finds the Helm of its dev dependency, with no LLMCHART_HELM and no helm on PATH.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { layoutCopy, removeLater, repoRoot } from "./helpers.js";

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

/**
 * scripts/test-clients.mjs, which `npm test` runs first: a machine is modelled by its PATH (a
 * folder of links to the programs it has) and LLMCHART_CHROMIUM. apt-get is a script that records
 * that it ran, so "apt is not run" is observed, not assumed.
 */
describe("scripts/test-clients.mjs (npm test's clients)", () => {
  const script = join(repoRoot, "scripts", "test-clients.mjs");
  function machine(programs: readonly string[], withAptGet: boolean): { bin: string; aptLog: string } {
    const bin = removeLater(mkdtempSync(join(tmpdir(), "llmchart-machine-")));
    for (const p of programs) symlinkSync(realProgram(p), join(bin, p));
    const aptLog = join(bin, "apt.log");
    if (withAptGet) {
      writeFileSync(join(bin, "apt-get"), `#!/bin/sh\necho "$@" >> ${JSON.stringify(aptLog)}\nexit 1\n`);
      chmodSync(join(bin, "apt-get"), 0o755);
    }
    return { bin, aptLog };
  }
  function realProgram(name: string): string {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    expect(r.status, `${name} must be installed on the machine running the tests`).toBe(0);
    return r.stdout.trim();
  }
  const run = (bin: string, chromium: string) =>
    spawnSync(process.execPath, [script], { encoding: "utf8", env: { PATH: bin, LLMCHART_CHROMIUM: chromium, HOME: tmpdir() } });

  it("with every client present, exits 0 and never runs apt-get", () => {
    const { bin, aptLog } = machine(["git", "busybox", "nvim", "pre-commit", "sh"], true);
    const r = run(bin, process.execPath);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(existsSync(aptLog)).toBe(false);
  });

  it("without apt-get, stops at once with one line per missing client saying how to install it", () => {
    const { bin } = machine(["git", "sh"], false);
    const r = run(bin, join(bin, "no-chromium"));
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.map((l) => /^test-clients: (\S+) is missing — .+; install it with: .*apt-get install -y ([^\s)]+)\)?$/.exec(l)?.slice(1, 3))).toEqual([
      ["busybox", "busybox"],
      ["nvim", "neovim"],
      ["chromium", "chromium"],
      ["pre-commit", "pre-commit"],
    ]);
  });

  it("with apt-get: as root, runs apt-get update then install of exactly the missing packages; else names sudo", () => {
    const { bin, aptLog } = machine(["git", "busybox", "sh"], true);
    const r = run(bin, join(bin, "no-chromium"));
    // The recording apt-get fails, so the script ends with the install lines either way.
    expect(r.status).toBe(1);
    if (process.getuid?.() === 0) {
      expect(readFileSync(aptLog, "utf8")).toBe("update -qq\n");
      expect(r.stderr).toContain("test-clients: installing neovim, chromium, pre-commit with apt-get");
      expect(r.stderr).toMatch(/^test-clients: nvim is missing .*: apt-get install -y neovim$/m);
    } else {
      expect(existsSync(aptLog)).toBe(false);
      expect(r.stderr).toMatch(/^test-clients: nvim is missing .*: sudo apt-get install -y neovim$/m);
    }
  });
});
