import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HOOK_MARKER } from "../src/commands/hook.js";
import { runCli, tempTree } from "./helpers.js";

function gitRepo(): string {
  const dir = tempTree({ "README.md": "x\n" });
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

describe("llmchart hook install", () => {
  it("installs an executable pre-commit hook that runs check --changed", async () => {
    const dir = gitRepo();
    const r = await runCli(["hook", "install"], dir);
    expect(r.code).toBe(0);
    const file = join(dir, ".git", "hooks", "pre-commit");
    const text = readFileSync(file, "utf8");
    expect(text).toContain(HOOK_MARKER);
    expect(text).toMatch(/check --staged --changed --format compact\n$/);
    expect(statSync(file).mode & 0o111).not.toBe(0);
  });

  it("reinstalls over its own hook", async () => {
    const dir = gitRepo();
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
  });

  it("refuses to overwrite a foreign hook without --force, and overwrites it with --force", async () => {
    const dir = gitRepo();
    const file = join(dir, ".git", "hooks", "pre-commit");
    writeFileSync(file, "#!/bin/sh\necho mine\n");
    const r = await runCli(["hook", "install"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did not install already exists; not overwriting/);
    expect(readFileSync(file, "utf8")).toBe("#!/bin/sh\necho mine\n");
    expect((await runCli(["hook", "install", "--force"], dir)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(HOOK_MARKER);
  });

  it("uninstalls only its own hook", async () => {
    const dir = gitRepo();
    const file = join(dir, ".git", "hooks", "pre-commit");
    writeFileSync(file, "#!/bin/sh\necho mine\n");
    expect((await runCli(["hook", "uninstall"], dir)).code).toBe(1);
    await runCli(["hook", "install", "--force"], dir);
    expect((await runCli(["hook", "uninstall"], dir)).code).toBe(0);
    expect(() => statSync(file)).toThrow();
  });

  it("says so outside a git repository", async () => {
    const r = await runCli(["hook", "install"], tempTree({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not inside a git repository/);
  });

  it("rejects an unknown action", async () => {
    const r = await runCli(["hook", "frob"], gitRepo());
    expect(r.code).toBe(2);
  });
});
