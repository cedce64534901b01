// `llmchart upgrade --to <build>` on a repository still on b4719 (phi2 pins it in its values
// file, mistral7b takes it from the config) and on the bundled layout: what the move reports, what
// --write changes (and that the result lints clean for the new build), and what it refuses.
import { effectiveModel } from "@llmchart/policy";
import { defaultConfig, formatBinaryBytes as formatBytes, parseSource } from "@llmchart/schema";
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { committed, helmBin, layoutCopy, removeLater, repoRoot, runCli } from "./helpers.js";

const V = "infra/apps/llm/values";
const FIXTURE = join(repoRoot, "packages", "cli", "test", "fixtures", "b4719-repo");

function b4719Repo(): string {
  const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-upgrade-")));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

/** The one memory estimate, of a values file as if it ran `tag`: what the upgrade must quote, computed here the rules' way. */
function needAt(dir: string, file: string, tag: string): number {
  const source = parseSource(file, read(dir, file).replace(/server-b4719/, tag));
  const config = { ...defaultConfig, images: { ...defaultConfig.images, server: { repository: "ghcr.io/ggml-org/llama.cpp", tag } } };
  return effectiveModel(source, { config }).estimate!.memoryBytes;
}

interface Finding {
  kind: string;
  severity: string;
  subject: string;
  message: string;
  line: number;
  rewrite?: { description: string };
}
interface FileResult {
  file: string;
  from: { tag: string };
  to: { tag: string };
  tag: { where: string };
  breaks: boolean;
  findings: Finding[];
}

async function upgradeJson(dir: string, ...args: string[]): Promise<{ code: number; files: FileResult[]; stderr: string }> {
  const r = await runCli(["upgrade", "--format", "json", ...args], dir);
  return { code: r.code, files: r.stdout ? (JSON.parse(r.stdout) as { files: FileResult[] }).files : [], stderr: r.stderr };
}

describe("llmchart upgrade --to b10900 on a repository pinned to b4719", () => {
  it("reports the removed flag, the bare -fa and the changed defaults with their memory effect, and writes nothing", async () => {
    const dir = b4719Repo();
    const before = [read(dir, `${V}/phi2.yaml`), read(dir, `${V}/mistral7b.yaml`), read(dir, "llmchart.config.yaml")];
    const r = await upgradeJson(dir, "--to", "b10900");
    expect(r.code, r.stderr).toBe(1);
    const phi2 = r.files.find((f) => f.file === `${V}/phi2.yaml`)!;
    expect(phi2.from.tag).toBe("server-b4719");
    expect(phi2.to.tag).toBe("server-b10900");
    expect(phi2.tag.where).toBe("values");
    const byKind = (kind: string) => phi2.findings.filter((f) => f.kind === kind);
    const mlock = byKind("flag-removed").find((f) => f.subject === "--mlock")!;
    expect(mlock.severity).toBe("error");
    expect(mlock.line).toBe(read(dir, `${V}/phi2.yaml`).split("\n").findIndex((l) => l.includes('"--mlock"')) + 1);
    expect(mlock.message).toMatch(/--mlock is removed in b10875 \(second-hand/);
    expect(mlock.rewrite?.description).toBe("--mlock → --load-mode mlock");
    const fa = byKind("flag-value").find((f) => f.subject === "-fa")!;
    expect(fa.message).toContain('takes the next argument "--port" as its value');
    expect(fa.rewrite?.description).toBe("-fa → -fa on");
    const defaults = byKind("default-changed").map((f) => f.message);
    expect(defaults).toContain("-c default 4096 → from the model: phi-2 now allocates 2048 tokens of KV cache (KV cache 1.3 GiB → 640 MiB)");
    expect(defaults).toContain("a host-RAM prompt cache of 8.0 GiB appears (--cache-ram defaults to 8192 MiB)");
    const memory = byKind("memory")[0]!;
    expect(memory.severity).toBe("error");
    expect(memory.message).toContain(`memory need ${formatBytes(needAt(dir, `${V}/phi2.yaml`, "server-b4719"))} → ${formatBytes(needAt(dir, `${V}/phi2.yaml`, "server-b10900"))}: above resources.limits.memory 6Gi`);
    expect(memory.rewrite?.description).toBe("add --cache-ram 0 (the current build's defaults)");
    const mistral = r.files.find((f) => f.file === `${V}/mistral7b.yaml`)!;
    expect(mistral.tag.where).toBe("config");
    expect(mistral.breaks).toBe(true);
    expect([read(dir, `${V}/phi2.yaml`), read(dir, `${V}/mistral7b.yaml`), read(dir, "llmchart.config.yaml")]).toEqual(before);
  });

  it("--write applies the safe rewrites and bumps the tags, keeping comments and quoting; the result lints clean for b10900", async () => {
    const dir = b4719Repo();
    const w = await runCli(["upgrade", "--to", "server-b10900", "--write"], dir);
    expect(w.code, w.stdout + w.stderr).toBe(0);
    expect(w.stdout).toContain("run `llmchart render`");
    const phi2 = read(dir, `${V}/phi2.yaml`);
    expect(phi2).toContain("  tag: 'server-b10900' # tested with this build\n");
    expect(phi2).toContain('  - "--load-mode" # keep the weights in RAM\n  - "mlock"\n');
    expect(phi2).toContain("  - '-fa'\n  - 'on'\n  - \"--port\"\n");
    expect(phi2).toContain('  - "0.0.0.0"\n  - "--cache-ram"\n  - "0"\n');
    expect(phi2.startsWith("# Phi-2 (2.7B) Q4_K_M on a 4-core node, pinned to the build it was tested with.\n")).toBe(true);
    const config = read(dir, "llmchart.config.yaml");
    expect(config).toContain("    tag: server-b10900 # the build every model without its own image.tag runs\n");
    expect(config).toContain('  appVersion: "b10900"\n');
    expect(read(dir, `${V}/mistral7b.yaml`)).not.toContain("image:");

    const lint = await runCli(["lint", "--quiet"], dir);
    expect(lint.code, lint.stdout).toBe(0);
    const again = await upgradeJson(dir, "--to", "b10900");
    expect(again.code).toBe(0);
    expect(again.files.flatMap((f) => f.findings).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("--write refuses a read-only values file and writes nothing at all", async () => {
    const dir = b4719Repo();
    const phi2 = join(dir, V, "phi2.yaml");
    chmodSync(phi2, 0o444);
    const before = [read(dir, `${V}/phi2.yaml`), read(dir, `${V}/mistral7b.yaml`), read(dir, "llmchart.config.yaml")];
    const r = await runCli(["upgrade", "--to", "b10900", "--write"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`llmchart: ${V}/phi2.yaml: the file is read-only; make it writable first; nothing was changed\n`);
    expect([read(dir, `${V}/phi2.yaml`), read(dir, `${V}/mistral7b.yaml`), read(dir, "llmchart.config.yaml")]).toEqual(before);
  });

  it("prints a markdown report for a pull request", async () => {
    const r = await runCli(["upgrade", "--to", "b10900", "--format", "markdown"], b4719Repo());
    expect(r.code).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot("__snapshots__/upgrade-b4719-to-b10900.md");
  });

  it("accepts b10900, 10900 and server-b10900 alike, and says the target is beyond the data", async () => {
    const dir = b4719Repo();
    const outs = await Promise.all(["b10900", "10900", "server-b10900"].map((to) => runCli(["upgrade", "--to", to], dir)));
    expect(new Set(outs.map((o) => o.stdout)).size).toBe(1);
    expect(outs[0]!.stdout).toMatch(/^Upgrade to server-b10900 \(newer than the data, which ends at b\d+: judged with the second-hand change points up to b10900\)\n/);
  });

  it("is a usage error without --to, with a bad --to or an unknown format", async () => {
    const dir = b4719Repo();
    expect(await runCli(["upgrade"], dir)).toMatchObject({ code: 2, stderr: "llmchart upgrade: --to <build> is required (e.g. --to b10900)\n" });
    expect(await runCli(["upgrade", "--to", "latest"], dir)).toMatchObject({ code: 2, stderr: 'llmchart upgrade: --to expects a llama.cpp build: b10900, 10900 or server-b10900, got "latest"\n' });
    expect((await runCli(["upgrade", "--to", "b10900", "-f", "sarif"], dir)).code).toBe(2);
  });

  it("upgrades only the files given", async () => {
    const r = await upgradeJson(b4719Repo(), "--to", "b10900", `${V}/mistral7b.yaml`);
    expect(r.files.map((f) => f.file)).toEqual([`${V}/mistral7b.yaml`]);
  });
});

describe("llmchart upgrade --to b10900 on the bundled layout", () => {
  it("reports the flag b10900 removes in a model pinned to b10200, rewrites it, and the layout lints clean", async () => {
    const dir = layoutCopy();
    const phi2 = join(dir, V, "phi2.yaml");
    const pinned = readFileSync(phi2, "utf8").replace("replicaCount: 1\n", "replicaCount: 1\nimage:\n  tag: server-b10200\n").replace('  - "--host"\n', '  - "--mlock"\n  - "--host"\n');
    writeFileSync(phi2, pinned);
    const r = await upgradeJson(dir, "--to", "b10900");
    expect(r.code, r.stderr).toBe(1);
    const errors = r.files.flatMap((f) => f.findings.filter((x) => x.severity === "error").map((x) => [f.file, x.kind, x.subject]));
    expect(errors).toEqual([[`${V}/phi2.yaml`, "flag-removed", "--mlock"]]);
    // The other models take the config's pin (b11429): the same facts as b10900, nothing changes.
    expect(r.files.filter((f) => f.file !== `${V}/phi2.yaml`).map((f) => [f.tag.where, f.findings.length])).toEqual([["config", 0], ["config", 0]]);
    const w = await runCli(["upgrade", "--to", "b10900", "--write", `${V}/phi2.yaml`], dir);
    expect(w.code, w.stdout).toBe(0);
    expect(readFileSync(phi2, "utf8")).toBe(pinned.replace("server-b10200", "server-b10900").replace('  - "--mlock"\n', '  - "--load-mode"\n  - "mlock"\n'));
    expect(read(dir, "llmchart.config.yaml")).toBe(readFileSync(join(repoRoot, "llmchart.config.yaml"), "utf8"));
    const lint = await runCli(["lint", "--quiet"], dir);
    expect(lint.code, lint.stdout).toBe(0);
  });
});

describe("llmchart diff on a change that moves the server build", () => {
  it("shows the upgrade's findings as server-build risks", async () => {
    const dir = b4719Repo();
    expect((await runCli(["render"], dir)).code).toBe(0);
    committed(dir);
    const phi2 = join(dir, V, "phi2.yaml");
    writeFileSync(phi2, readFileSync(phi2, "utf8").replace("server-b4719", "server-b10900"));
    const r = await runCli(["diff", "--format", "json", "--fail-on", "server-build", "phi2"], dir, { LLMCHART_HELM: helmBin });
    expect(r.code, r.stderr).toBe(1);
    const risks = (JSON.parse(r.stdout) as { risks: { id: string; severity: string; message: string }[] }[]).flatMap((e) => e.risks).filter((x) => x.id === "server-build");
    expect(risks.find((x) => x.message.includes("--mlock"))).toMatchObject({ severity: "error" });
    expect(risks.find((x) => x.message.includes("--mlock"))!.message).toMatch(/^server-b4719 → server-b10900: --mlock is removed in b10875/);
  });
});
