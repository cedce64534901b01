import { execFileSync, spawnSync } from "node:child_process";
import { allRules } from "@llmchart/core";
import { releaseDocsBaseUrl } from "@llmchart/schema";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helmBin, repoRoot } from "./helpers.js";

const V = "infra/apps/llm/values";

// A person's shell: none of the npm_config_* or pnpm variables the test runner (started by pnpm) carries.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|PNPM_)/i.test(k)));

/**
 * The packed CLI in a repository that is not this monorepo: `pnpm pack`, then `npm install -D`
 * of the tarball into a plain `npm init -y` project, from the npm registry this machine reaches.
 */
describe("the packed llmchart tarball", () => {
  it("installs into a plain npm project, where npx llmchart --help, render, lint and check work", { timeout: 600_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), "llmchart-pack-"));
    execFileSync("npx", ["-y", "pnpm@10.34.9", "--filter", "llmchart", "pack", "--pack-destination", out], { cwd: repoRoot, stdio: "pipe" });
    const tarball = readdirSync(out).find((f) => /^llmchart-.*\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const unpacked = join(out, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", join(out, tarball!), "-C", unpacked]);
    const manifest = readFileSync(join(unpacked, "package", "package.json"), "utf8");
    expect(manifest).not.toContain("workspace:");
    expect((JSON.parse(manifest) as { private?: boolean }).private).toBeUndefined();
    // Every rule page a result links (releaseDocsBaseUrl: the package's own files, per version) is in it.
    const version = (JSON.parse(manifest) as { version: string }).version;
    const base = releaseDocsBaseUrl(version);
    expect(base.startsWith(`https://cdn.jsdelivr.net/npm/llmchart@${version}/`)).toBe(true);
    const shipped = join(unpacked, "package", base.slice(`https://cdn.jsdelivr.net/npm/llmchart@${version}/`.length));
    for (const rule of allRules()) expect(existsSync(join(shipped, rule.docs!.replace(/^docs\/rules\//, "").replace(/#.*$/, ""))), rule.id).toBe(true);

    const repo = mkdtempSync(join(tmpdir(), "llmchart-consumer-"));
    const sh = (cmd: string, args: string[], env: Record<string, string> = {}) =>
      spawnSync(cmd, args, { cwd: repo, encoding: "utf8", env: { ...cleanEnv, NO_COLOR: "1", npm_config_audit: "false", npm_config_fund: "false", ...env } });
    expect(sh("npm", ["init", "-y"]).status).toBe(0);
    const install = sh("npm", ["install", "-D", join(out, tarball!)]);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    // Nothing of the monorepo leaks in: only the published dependencies come from the registry.
    expect(readdirSync(join(repo, "node_modules"))).not.toContain("@llmchart");

    const help = sh("npx", ["llmchart", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: llmchart <command>/);

    // A repository people wrote by hand (chart, values, Applications), no config: init adopts it.
    cpSync(join(repoRoot, "packages", "cli", "test", "fixtures", "seed-repo"), repo, { recursive: true });
    expect(sh("git", ["init", "-q"]).status).toBe(0);
    const init = sh("npx", ["llmchart", "init"]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^wrote llmchart\.config\.yaml, inferred from:/);
    expect(init.stdout).toMatch(/adopted infra\/apps\/llm\/charts\/llama-cpp\/templates\/deployment\.yaml/);
    const render = sh("npx", ["llmchart", "render"]);
    expect(render.stderr).toBe("");
    expect(render.status).toBe(0);
    expect(render.stdout).toMatch(/llmchart render: 0 written, 0 deleted, \d+ unchanged/);

    const lint = sh("npx", ["llmchart", "lint", "--quiet"]);
    expect(lint.stdout).toBe("✔ 3 files checked, no problems\n");
    expect(lint.status).toBe(0);

    const env = { LLMCHART_HELM: helmBin };
    const check = sh("npx", ["llmchart", "check", "--require-helm", "--format", "json"], env);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    const problems = JSON.parse(check.stdout) as Array<{ severity: string; ruleId: string }>;
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(problems.map((p) => p.ruleId)).not.toContain("helm/skipped");

    // The rendered manifests are validated there too: a bad value fails with its position.
    writeFileSync(join(repo, V, "phi2.yaml"), `${readFileSync(join(repo, V, "phi2.yaml"), "utf8")}replicaCount: one\n`);
    const bad = sh("npx", ["llmchart", "check", "--require-helm", "--format", "compact"], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`^${V}/phi2\\.yaml:\\d+:\\d+ error schema/type `, "m"));
  });
});
