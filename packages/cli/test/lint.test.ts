import { READ_ONLY_MESSAGE } from "@llmchart/core";
import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IN_DATA_IMAGES, phi2Lock, repoRoot, runCli, tempTree } from "./helpers.js";
const SHA = "ab".repeat(32);

/** Clean for schema and policy (see lint-foundation.test.ts). */
const CLEAN = `model:
  repoId: TheBloke/phi-2-GGUF
  filename: phi-2.Q4_K_M.gguf
  sha256: ${SHA}
resources:
  requests: { cpu: "2", memory: 4Gi }
  limits: { cpu: "2", memory: 4Gi }
extraArgs: ["-c", "2048", "-t", "2", "--cache-ram", "0"]
`;

/** CLEAN's model, pinned, so an unpinned-model info does not show up in every file. */
const LOCK = phi2Lock(SHA);

type JsonProblem = { ruleId: string; severity: string; message: string; file: string; line: number; column: number; path: string; fix?: unknown };
const json = (stdout: string) => JSON.parse(stdout) as JsonProblem[];
const ids = (stdout: string) => json(stdout).map((p) => `${p.line}:${p.column} ${p.severity} ${p.ruleId}`);

describe("llmchart lint: the policy stage", () => {
  it("lints the bundled seed with no errors (exit 0), only the justified warnings", async () => {
    const r = await runCli(["lint", "-f", "json"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const problems = json(r.stdout);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    // The seed pins no model: each gets an info asking to. Its config pins server-b11429, newer than
    // the flag data: said once for the run (image-tag-floating, info).
    expect(new Set(problems.map((p) => p.ruleId))).toEqual(new Set(["memory-headroom", "model-sha256", "model-size-unknown", "ctx-exceeds-training", "image-tag-floating"]));
    expect(problems.filter((p) => p.ruleId === "image-tag-floating").map((p) => p.severity)).toEqual(["info"]);
  });

  it("reports a policy error with its position and exits 1", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN.replace('"-t", "2"', '"-t", "8"') });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(r.code).toBe(1);
    expect(json(r.stdout)).toEqual([
      {
        ruleId: "threads-exceed-cpu-limit",
        severity: "error",
        message: expect.stringMatching(/^-t 8 runs 8 threads but resources\.limits\.cpu is "2"/) as unknown,
        file: "v.yaml",
        line: 8,
        column: 33,
        endLine: 8,
        endColumn: 36,
        path: "extraArgs[3]",
        messageId: "tooManyThreads",
      },
    ]);
  });

  it("exits 0 with warnings only, and 1 once they exceed --max-warnings", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN.replace(', "--cache-ram", "0"', "") });
    const ok = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(ids(ok.stdout)).toEqual(["7:31 warning memory-headroom"]);
    expect(ok.code).toBe(0);
    const strict = await runCli(["lint", "-f", "json", "--max-warnings", "0", "v.yaml"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("llmchart: 1 warnings exceed --max-warnings 0\n");
    expect((await runCli(["lint", "--max-warnings", "1", "v.yaml"], dir)).code).toBe(0);
  });

  it("rejects a malformed --max-warnings with exit 2", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN });
    for (const bad of ["-1", "1.5", "many"]) {
      const r = await runCli(["lint", "--max-warnings", bad, "v.yaml"], dir);
      expect(r.code, bad).toBe(2);
    }
  });

  it("says what is wrong with --max-warnings -1 on one clean line, in its own words", async () => {
    const dir = tempTree({ "v.yaml": CLEAN });
    const r = await runCli(["lint", "--max-warnings", "-1", "v.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('llmchart lint: --max-warnings needs a value; one that starts with "-" must be attached: --max-warnings=<value>\n');
    const attached = await runCli(["lint", "--max-warnings=-1", "v.yaml"], dir);
    expect(attached.code).toBe(2);
    expect(attached.stderr).toBe('llmchart lint: --max-warnings expects a non-negative integer, got "-1"\n');
    const unknown = await runCli(["lint", "--bogus", "v.yaml"], dir);
    expect(unknown.stderr).not.toContain("\\n");
    expect(unknown.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("prints errors only with --quiet, but still counts warnings for --max-warnings", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN.replace(', "--cache-ram", "0"', "") });
    const r = await runCli(["lint", "-f", "json", "--quiet", "v.yaml"], dir);
    expect(r.stdout.trim()).toBe("[]");
    expect((await runCli(["lint", "--quiet", "--max-warnings", "0", "v.yaml"], dir)).code).toBe(1);
  });

  it("takes rule severities from llmchart.config.yaml", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK,
      "llmchart.config.yaml": `rules:\n  threads-exceed-cpu-limit: warning\n  model-sha256: error\n${IN_DATA_IMAGES}`,
      "v.yaml": CLEAN.replace('"-t", "2"', '"-t", "8"').replace(`  sha256: ${SHA}\n`, ""),
    });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(ids(r.stdout)).toEqual(["1:1 error model-sha256", "7:33 warning threads-exceed-cpu-limit"]);
    expect(r.code).toBe(1);
  });

  it("turns a rule off from the config", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "llmchart.config.yaml": `rules:\n  threads-exceed-cpu-limit: off\n${IN_DATA_IMAGES}`, "v.yaml": CLEAN.replace('"-t", "2"', '"-t", "8"') });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(r.stdout.trim()).toBe("[]");
    expect(r.code).toBe(0);
  });

  it("exits 2 naming the config line of an unknown rule id, with a suggestion", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "llmchart.config.yaml": `# severities\nrules:\n  threads-exceeds-cpu-limit: off\n${IN_DATA_IMAGES}`, "v.yaml": CLEAN });
    const r = await runCli(["lint", "v.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('llmchart: llmchart.config.yaml:3:3: rules.threads-exceeds-cpu-limit: unknown rule — did you mean "threads-exceed-cpu-limit"?\n');
  });

  it("exits 2 for an invalid config file", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "llmchart.config.yaml": `rules:\n  model-path: loud\n${IN_DATA_IMAGES}`, "v.yaml": CLEAN });
    const r = await runCli(["lint", "v.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^llmchart: llmchart\.config\.yaml:2:15: /);
  });

  it("merges each file over the chart's values.yaml from the configured layout", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK,
      "llmchart.config.yaml": `layout:\n  root: deploy\n  chartDir: chart\n${IN_DATA_IMAGES}`,
      "deploy/chart/values.yaml": "image:\n  repository: ghcr.io/ggml-org/llama.cpp\n  tag: server\ninitDownloader:\n  image:\n    repository: curlimages/curl\n    tag: 8.10.1\nservice:\n  port: 9000\n",
      "v.yaml": CLEAN,
    });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(json(r.stdout)).toEqual([
      expect.objectContaining({
        ruleId: "image-tag-floating",
        severity: "warning",
        line: 1,
        column: 1,
        message: expect.stringContaining('[image.tag = "server" comes from the chart default (deploy/chart/values.yaml)]') as unknown,
      }),
      // The floating tag names no build: the flag rules judged the file with the newest they know, said as info.
      expect.objectContaining({ ruleId: "image-tag-floating", severity: "info", messageId: "judgedWithNewest", line: 1, column: 1 }),
    ]);
  });

  it("falls back to the schema's defaults without a chart, and says so when it matters", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN.replace('extraArgs: ["-c"', 'extraArgs: ["--port", "9000", "-c"') });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(json(r.stdout)).toEqual([
      expect.objectContaining({ ruleId: "server-port", message: expect.stringMatching(/^--port 9000 but service\.port is 8080 \(the chart default\)/) as unknown }),
    ]);
  });

  it("exits 2 when the chart's values.yaml is not valid YAML", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "infra/apps/llm/charts/llama-cpp/values.yaml": "image: [\n", "v.yaml": CLEAN });
    const r = await runCli(["lint", "v.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^llmchart: infra\/apps\/llm\/charts\/llama-cpp\/values\.yaml:\d+:\d+: chart defaults: /);
  });

  it("reports the policy findings of a file with schema errors too (every finding at once)", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": `replicaCount: "one"\n${CLEAN.replace('"-t", "2"', '"-t", "8"')}` });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(json(r.stdout).map((p) => p.ruleId)).toEqual(["schema/type", "threads-exceed-cpu-limit"]);
  });

  it("honours llmchart-disable comments", async () => {
    const text = CLEAN.replace('extraArgs: ["-c"', '# llmchart-disable-next-line threads-exceed-cpu-limit -- benchmarking\nextraArgs: ["-c"').replace('"-t", "2"', '"-t", "8"');
    const r = await runCli(["lint", "-f", "json", "v.yaml"], tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": text }));
    expect(r.stdout.trim()).toBe("[]");
    expect(r.code).toBe(0);
  });

  it("tells stylish readers how many problems --fix can fix", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": CLEAN.replace('extraArgs: ["-c"', 'extraArgs: ["--port", "9000", "-c"') });
    const r = await runCli(["lint", "v.yaml"], dir);
    expect(r.stdout).toMatch(/^v\.yaml\n {2}8:23 {2}error {2}--port 9000 but service\.port is 8080/);
    expect(r.stdout).toContain("1 problem fixable with the `--fix` option");
  });
});

describe("llmchart lint --fix", () => {
  const BROKEN = `# Phi-2 for the team wiki. Keep the comments!
model:
  repoId: 'TheBloke/phi-2-GGUF'   # single-quoted on purpose
  filename: phi-2.Q4_K_M.gguf
  sha256: ${SHA}

resources:
  requests: { cpu: "2", memory: 4Gi }
  limits: { cpu: "2", memory: 4Gi }

extraArgs:
  - '-m'
  - '/models/phi-2.Q5_K_M.gguf'   # old quantisation
  - -c
  - 2048
  - "-t"
  - "2"
  - --cache-ram
  - "0"
  - --port
  - 9000
  - "--host=127.0.0.1"
`;

  const FIXED = BROKEN.replace("'/models/phi-2.Q5_K_M.gguf'", "'/models/phi-2.Q4_K_M.gguf'")
    .replace("  - 9000\n", "  - 8080\n")
    .replace('"--host=127.0.0.1"', '"--host=0.0.0.0"');

  it("fixes -m, --port and --host in place, keeping comments, order and quoting, and reports what remains", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "values/phi2.yaml": BROKEN });
    const r = await runCli(["lint", "--fix", "-f", "json", "values/phi2.yaml"], dir);
    expect(readFileSync(join(dir, "values/phi2.yaml"), "utf8")).toBe(FIXED);
    expect(r.stdout.trim()).toBe("[]");
    expect(r.code).toBe(0);
    // Atomic write: no temporary file left behind.
    expect(readdirSync(join(dir, "values"))).toEqual(["phi2.yaml"]);
  });

  it("re-lints the fixed file clean for the fixed rules", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": BROKEN });
    await runCli(["lint", "--fix", "v.yaml"], dir);
    const again = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(again.stdout.trim()).toBe("[]");
  });

  it("fixes flow sequences with plain scalars", async () => {
    const text = CLEAN.replace('extraArgs: ["-c", "2048", "-t", "2", "--cache-ram", "0"]', "extraArgs: [-c, 2048, -t, 2, --cache-ram, 0, --host, localhost, --port, 9000]");
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": text });
    const r = await runCli(["lint", "--fix", "v.yaml"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "v.yaml"), "utf8")).toContain("extraArgs: [-c, 2048, -t, 2, --cache-ram, 0, --host, 0.0.0.0, --port, 8080]\n");
  });

  it("leaves unfixable problems, reports them and exits 1", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": BROKEN.replace('"-t"\n  - "2"', '"-t"\n  - "8"') });
    const r = await runCli(["lint", "--fix", "-f", "json", "v.yaml"], dir);
    expect(ids(r.stdout)).toEqual(["17:5 error threads-exceed-cpu-limit"]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, "v.yaml"), "utf8")).toContain("  - '/models/phi-2.Q4_K_M.gguf'   # old quantisation\n");
  });

  it("does not touch files that need no fix, and keeps the mode of fixed ones", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "clean.yaml": CLEAN, "broken.yaml": BROKEN });
    chmodSync(join(dir, "broken.yaml"), 0o600);
    const before = statSync(join(dir, "clean.yaml")).mtimeMs;
    await runCli(["lint", "--fix", "clean.yaml", "broken.yaml"], dir);
    expect(statSync(join(dir, "clean.yaml")).mtimeMs).toBe(before);
    expect(statSync(join(dir, "broken.yaml")).mode & 0o777).toBe(0o600);
  });

  it("refuses to fix a read-only file with one line, exits 2, and writes no file (the one read-only policy)", async () => {
    const dir = tempTree({ "a.yaml": BROKEN, "broken.yaml": BROKEN });
    chmodSync(join(dir, "broken.yaml"), 0o444);
    const r = await runCli(["lint", "--fix", "a.yaml", "broken.yaml"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `llmchart: broken.yaml: ${READ_ONLY_MESSAGE}\n` });
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(BROKEN);
    expect(readFileSync(join(dir, "broken.yaml"), "utf8")).toBe(BROKEN);
  });

  it("applies no fix a disable comment or the config turned off", async () => {
    const dir = tempTree({ "llmchart.lock.yaml": LOCK,
      "llmchart.config.yaml": `rules:\n  server-port: off\n${IN_DATA_IMAGES}`,
      "v.yaml": `# llmchart-disable server-host-loopback -- a sidecar proxies it\n${BROKEN}`,
    });
    await runCli(["lint", "--fix", "v.yaml"], dir);
    const text = readFileSync(join(dir, "v.yaml"), "utf8");
    expect(text).toContain("  - 9000\n");
    expect(text).toContain('  - "--host=127.0.0.1"\n');
    expect(text).toContain("  - '/models/phi-2.Q4_K_M.gguf'");
  });

  it("fixes the policy findings of a file with a schema error elsewhere, and leaves the schema error (exit 1)", async () => {
    const text = `replicaCount: -1\n${BROKEN}`;
    const dir = tempTree({ "llmchart.lock.yaml": LOCK, "v.yaml": text });
    const r = await runCli(["lint", "--fix", "-f", "json", "v.yaml"], dir);
    expect(r.code).toBe(1);
    const fixed = readFileSync(join(dir, "v.yaml"), "utf8");
    // The schema error is not the fixer's to guess: replicaCount stays as written.
    expect(fixed.startsWith("replicaCount: -1\n")).toBe(true);
    expect(fixed).toContain("- '/models/phi-2.Q4_K_M.gguf'   # old quantisation");
    expect(json(r.stdout).map((p) => p.ruleId)).toEqual(["schema/minimum"]);
  });
});
