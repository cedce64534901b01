// A values file or the config that is a symbolic link out of the repository (a pull request can
// add one: `ln -s ~/.git-credentials infra/apps/llm/values/creds.yaml`) is refused unread by
// every command, in every format: no byte of what it points at reaches stdout or stderr.
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../src/formatters/index.js";
import { committed, git, helmBin, layoutCopy, removeLater, runCli, type Captured } from "./helpers.js";

const V = "infra/apps/llm/values";
// Token-shaped, built at run time so no secret scanner mistakes this file for a leak.
const GHP = `ghp_Zx9Qw3Er7Ty1Ui5Op2As6Df0Gh4Jk8Lm3N`;
const HF = `hf_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3h`;
const AWS = `AKIAQ7W3E9R1T5Y2U8I4`;
const USER = "ci-bot-7f3a";
const SECRETS = [GHP, HF, AWS, USER];

/** A "home" folder outside any repository, holding real files with tokens in them. */
function home(): string {
  const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-home-")));
  writeFileSync(join(dir, ".git-credentials"), `https://${USER}:${GHP}@github.com\n`);
  // Values-shaped, so a read would quote it in schema messages: every value is of the wrong type.
  writeFileSync(join(dir, "tokens.yaml"), `model:\n  repoId: ${HF}\n  filename: ["${AWS}"]\nreplicaCount: "https://${USER}:${GHP}@github.com"\n${GHP}: 1\n`);
  writeFileSync(join(dir, "llmchart.config.yaml"), `argocd:\n  repoURL: https://${USER}:${GHP}@github.com/x.git\n  ${HF}: 1\nrules:\n  ${AWS}: "off"\n`);
  return dir;
}

/** The first 8-character piece of a secret found in the output, or the name of the home folder the links point into. */
function leaked(r: Captured, home: string): string | undefined {
  const out = r.stdout + r.stderr;
  for (const secret of SECRETS) {
    for (let i = 0; i + 8 <= secret.length; i++) if (out.includes(secret.slice(i, i + 8))) return secret.slice(i, i + 8);
  }
  return out.includes(basename(home)) ? basename(home) : undefined;
}

describe("values files linked out of the repository", () => {
  let repo = "";
  let outside = "";
  beforeAll(() => {
    outside = home();
    repo = committed(layoutCopy());
    symlinkSync(join(outside, ".git-credentials"), join(repo, V, "creds.yaml"));
    symlinkSync(join(outside, "tokens.yaml"), join(repo, V, "tokens.yaml"));
    // The clone's own .git/config may hold the CI token (actions/checkout puts it there).
    git(repo, "config", "remote.origin.url", `https://${USER}:${GHP}@github.com/x.git`);
    symlinkSync("../../../../.git/config", join(repo, V, "gitconfig.yaml"));
  });
  const links = [`${V}/creds.yaml`, `${V}/gitconfig.yaml`, `${V}/tokens.yaml`];
  const env = { LLMCHART_HELM: helmBin };

  it.each([...FORMAT_NAMES])("lint -f %s refuses each link at its line 1, naming the link only", async (format) => {
    const r = await runCli(["lint", "-f", format], repo, env);
    expect(r.code, r.stderr).toBe(1);
    expect(leaked(r, outside)).toBeUndefined();
    for (const link of links) expect(r.stdout).toContain(link.split("/").pop());
    expect(r.stdout).toContain("io/outside-repository");
  });

  it("lint names the rule, the link and line 1 in the compact format", async () => {
    const r = await runCli(["lint", "-f", "compact"], repo, env);
    for (const link of links) expect(r.stdout).toMatch(new RegExp(`^${link.replace(/\./g, "\\.")}:1:1 error io/outside-repository is a symbolic link that points outside the repository`, "m"));
  });

  it("lint of the links named on the command line refuses them the same way (exit 1, not a read)", async () => {
    const r = await runCli(["lint", "-f", "json", ...links], repo, env);
    expect(r.code, r.stderr).toBe(1);
    expect(leaked(r, outside)).toBeUndefined();
    const problems = JSON.parse(r.stdout) as { file: string; ruleId: string; line: number }[];
    expect(problems.map((p) => [p.file, p.ruleId, p.line])).toEqual(links.map((l) => [l, "io/outside-repository", 1]));
  });

  it.each([...FORMAT_NAMES])("check -f %s (helm, every stage) refuses them and leaks nothing", async (format) => {
    const r = await runCli(["check", "-f", format], repo, env);
    expect(r.code, r.stderr).toBe(1);
    expect(leaked(r, outside)).toBeUndefined();
    expect(r.stdout).toContain("io/outside-repository");
  }, 120_000);

  it("check --staged and --changed refuse the staged links, the early start included", async () => {
    git(repo, "add", "-A");
    try {
      for (const args of [["check", "--staged", "-f", "json"], ["check", "--changed", "-f", "github"], ["check", "--staged", "--changed", "-f", "sarif"]]) {
        const r = await runCli(args, repo, env);
        expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(1);
        expect(leaked(r, outside), args.join(" ")).toBeUndefined();
        expect(r.stdout).toContain("io/outside-repository");
      }
    } finally {
      git(repo, "reset", "-q");
    }
  }, 120_000);

  it.each([...FORMAT_NAMES])("render --check -f %s and render refuse them and write no Application for them", async (format) => {
    for (const args of [["render", "--check", "-f", format], ["render", "-f", format]]) {
      const r = await runCli(args, repo, env);
      expect(r.code, r.stderr).toBe(1);
      expect(leaked(r, outside)).toBeUndefined();
      expect(r.stdout).toContain("io/outside-repository");
    }
  });

  it.each(["stylish", "markdown", "json"])("diff -f %s names the links as not rendered (exit 2: the diff is incomplete), and leaks nothing", async (format) => {
    const r = await runCli(["diff", "-f", format], repo, env);
    expect(r.code, r.stderr).toBe(2);
    expect(leaked(r, outside)).toBeUndefined();
    for (const link of links) expect(r.stderr).toContain(`llmchart diff: ${link}: is a symbolic link that points outside the repository`);
    expect(r.stderr).toContain("(io/outside-repository)");
  }, 120_000);

  it("capacity and rotate leak nothing", async () => {
    for (const args of [["capacity"], ["capacity", "--format", "json"], ["rotate", "all"]]) {
      const r = await runCli(args, repo, env);
      expect(leaked(r, outside), `${args.join(" ")}: ${r.stdout}${r.stderr}`).toBeUndefined();
    }
  });
});

describe("a config linked out of the repository", () => {
  it.each([["lint"], ["lint", "-f", "json"], ["check", "-f", "sarif"], ["render"], ["diff"], ["capacity"], ["new", "x", "--repo-id", "a/b", "--file", "x.gguf"], ["rotate", "all"]])(
    "%s refuses it unread: exit 2, one line naming the link",
    async (...args) => {
      const outside = home();
      const repo = layoutCopy();
      const config = join(repo, "llmchart.config.yaml");
      removeLater(config);
      writeFileSync(config, ""); // replaced by the link below
      const { rmSync } = await import("node:fs");
      rmSync(config);
      symlinkSync(join(outside, "llmchart.config.yaml"), config);
      committed(repo);
      const r = await runCli(args, repo, { LLMCHART_HELM: helmBin });
      expect(r.code).toBe(2);
      expect(leaked(r, outside)).toBeUndefined();
      expect(r.stderr).toMatch(/^llmchart: llmchart\.config\.yaml: is a symbolic link that points outside the repository .*\(io\/outside-repository\)\n$/);
    },
    60_000,
  );
});

describe("init", () => {
  it("never reads a chart values.yaml linked out of the repository into the inferred config or its report", async () => {
    const outside = home();
    const repo = layoutCopy();
    const { rmSync } = await import("node:fs");
    rmSync(join(repo, "llmchart.config.yaml"));
    const chartValues = join(repo, "infra/apps/llm/charts/llama-cpp/values.yaml");
    rmSync(chartValues);
    symlinkSync(join(outside, "tokens.yaml"), chartValues);
    symlinkSync(join(outside, "tokens.yaml"), join(repo, V, "tokens.yaml"));
    committed(repo);
    const r = await runCli(["init", "--dry-run"], repo, { LLMCHART_HELM: helmBin });
    expect(leaked(r, outside), r.stdout + r.stderr).toBeUndefined();
  });
});
