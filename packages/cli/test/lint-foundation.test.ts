import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { phi2Lock, runCli, tempTree } from "./helpers.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const bin = join(import.meta.dirname, "..", "bin", "llmchart.js");

// Clean for the schema and the policy rules (with phi2Lock beside it: the model pinned): pinned
// checksum, CPU/memory limits that match -t and hold phi-2 + its KV cache, the prompt cache off.
const GOOD = [
  "model:",
  "  repoId: TheBloke/phi-2-GGUF",
  "  filename: phi-2.Q4_K_M.gguf",
  `  sha256: ${"ab".repeat(32)}`,
  "resources:",
  '  requests: { cpu: "2", memory: 4Gi }',
  '  limits: { cpu: "2", memory: 4Gi }',
  'extraArgs: ["-c", "2048", "-t", "2", "--cache-ram", "0"]',
  "",
].join("\n");
/** GOOD's model, pinned: the files below carry one problem each. */
const LOCKED = { "llmchart.lock.yaml": phi2Lock("ab".repeat(32)) };
// A whole values file with one schema problem: lint reports every finding at once, so a fragment
// would also get the policy rules' (no model.filename, no limits).
const TYPO = `replicaCout: 1\n${GOOD}`;
const WRONG_TYPE = `replicaCount: "one"\n${GOOD}`;
const DUPLICATE = "replicaCount: 1\nreplicaCount: 2\n";
const BROKEN_INDENT = "model:\n  repoId: a/b\n filename: x.gguf\n";

const schemaProblems = (stdout: string) => JSON.parse(stdout) as Array<Record<string, unknown>>;
/** The part of a SARIF log the position test reads. */
interface SarifRegions {
  runs: { results: { locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
}

describe("llmchart lint: the bundled layout", () => {
  it("lints infra/apps/llm/values/*.yaml by default and finds no errors", async () => {
    const r = await runCli(["lint", "--format", "json"], repoRoot);
    expect(r.stderr).toBe("");
    const problems = schemaProblems(r.stdout);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("llmchart lint: the JSON contract", () => {
  it("prints exactly one JSON array whose problems carry every field", async () => {
    const dir = tempTree({ "v.yaml": TYPO, ...LOCKED });
    const r = await runCli(["lint", "--format", "json", "v.yaml"], dir);
    expect(r.code).toBe(1);
    const problems = schemaProblems(r.stdout);
    expect(problems).toEqual([
      {
        ruleId: "schema/unknown-property",
        severity: "error",
        message: 'unknown property "replicaCout" in the values — did you mean "replicaCount"?',
        file: "v.yaml",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 12,
        path: "replicaCout",
        // Which of the rule's messages: stays the same when the sentence is reworded.
        messageId: "unknownProperty",
        // One known key is closest: --fix may rename it.
        fix: { range: [0, 11], text: "replicaCount" },
      },
    ]);
  });

  it("prints [] for a clean file", async () => {
    const dir = tempTree({ "v.yaml": GOOD, "llmchart.lock.yaml": phi2Lock("ab".repeat(32)) });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(r.stdout.trim()).toBe("[]");
    expect(r.code).toBe(0);
  });

  it("uses an empty path for file-level problems", async () => {
    const dir = tempTree({ "v.yaml": DUPLICATE });
    const r = await runCli(["lint", "-f", "json", "v.yaml"], dir);
    expect(schemaProblems(r.stdout)[0]).toMatchObject({ ruleId: "yaml/duplicate-key", messageId: "DUPLICATE_KEY", path: "", line: 2, column: 1 });
  });
});

describe.each(["stylish", "json", "github", "sarif"])("llmchart lint --format %s", (format) => {
  it.each([
    ["a typo", TYPO, 1, 1],
    ["a wrong type", WRONG_TYPE, 1, 15],
    ["a duplicate key", DUPLICATE, 2, 1],
    ["a broken indent", BROKEN_INDENT, 3, 1],
  ])("reports %s at its line and column with exit 1", async (_name, text, line, col) => {
    const dir = tempTree({ "values/m.yaml": text, ...LOCKED });
    const r = await runCli(["lint", "--format", format, "values/m.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    if (format === "stylish") expect(r.stdout).toMatch(new RegExp(`^values/m\\.yaml\\n  ${line}:${col}\\s+error\\s`, "m"));
    if (format === "json") expect(schemaProblems(r.stdout)[0]).toMatchObject({ file: "values/m.yaml", line, column: col });
    if (format === "github") expect(r.stdout).toContain(`::error file=values/m.yaml,line=${line},col=${col},`);
    if (format === "sarif") {
      const region = (JSON.parse(r.stdout) as SarifRegions).runs[0]!.results[0]!.locations[0]!.physicalLocation.region;
      expect(region).toMatchObject({ startLine: line, startColumn: col });
    }
  });
});

describe("llmchart lint: exit codes and unreadable input", () => {
  it("exits 2 with one line naming a missing file", async () => {
    const dir = tempTree({});
    const r = await runCli(["lint", "nope.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("llmchart: nope.yaml: no such file\n");
  });

  it("exits 2 for a directory given as a file", async () => {
    const dir = tempTree({});
    mkdirSync(join(dir, "d.yaml"));
    const r = await runCli(["lint", "d.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("llmchart: d.yaml: is a directory, expected a YAML file\n");
  });

  it("exits 2 for a file that is not YAML", async () => {
    const dir = tempTree({ "notes.txt": "hello" });
    const r = await runCli(["lint", "notes.txt"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("llmchart: notes.txt: not a YAML file (expected .yaml or .yml)\n");
  });

  it("exits 2 for binary content and invalid UTF-8", async () => {
    const dir = tempTree({});
    writeFileSync(join(dir, "bin.yaml"), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    const r = await runCli(["lint", "bin.yaml", "latin1.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("llmchart: bin.yaml: binary file (contains NUL bytes), expected YAML text\nllmchart: latin1.yaml: not valid UTF-8 text\n");
  });

  it("exits 2 on an unknown option or format", async () => {
    const dir = tempTree({ "v.yaml": GOOD, "llmchart.lock.yaml": phi2Lock("ab".repeat(32)) });
    expect((await runCli(["lint", "--frobnicate", "v.yaml"], dir)).code).toBe(2);
    const r = await runCli(["lint", "--format", "xml", "v.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "xml"');
  });

  it("exits 2 for an unknown command", async () => {
    const r = await runCli(["lnt"], repoRoot);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "lnt"');
  });

  it("exits 2 with one line pointing at `llmchart init` when no config is found", async () => {
    const r = await runCli(["lint"], tempTree({}, { config: false }));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/llmchart\.config\.yaml: not found in .* run `llmchart init`/);
  });

  it("prints no stack trace from the real binary", () => {
    const dir = tempTree({});
    const r = spawnSync(process.execPath, [bin, "lint", "missing.yaml"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("llmchart: missing.yaml: no such file\n");
  });

  it("writes a long report through a pipe completely before exiting", () => {
    // 400 files with an unknown key each: far more than a pipe's 64 KiB buffer of JSON.
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`values/m${String(i).padStart(3, "0")}.yaml`] = TYPO;
    const dir = tempTree({ ...files, ...LOCKED });
    // A reader that starts late: until it does, everything past the pipe's buffer waits in the CLI.
    const r = spawnSync("bash", ["-o", "pipefail", "-c", `"${process.execPath}" "${bin}" lint --format json values/*.yaml | (sleep 0.5; cat)`], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(r.stdout.length).toBeGreaterThan(128 * 1024);
    expect(JSON.parse(r.stdout)).toHaveLength(400);
    expect(r.status).toBe(1);
  });

  it("stops quietly when the reader of its output goes away (lint | true)", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`values/m${String(i).padStart(3, "0")}.yaml`] = TYPO;
    const dir = tempTree(files);
    // `true` reads nothing and exits at once: every write of the report meets a closed pipe.
    const r = spawnSync("bash", ["-o", "pipefail", "-c", `"${process.execPath}" "${bin}" lint values/*.yaml | true`], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    // The lint result (errors: 1), or 141 (SIGPIPE's status) if the reader left before it was known.
    expect([1, 141]).toContain(r.status);
  });

  it("sets exit code 1 from the real binary on errors", () => {
    const dir = tempTree({ "v.yaml": TYPO, ...LOCKED });
    const r = spawnSync(process.execPath, [bin, "lint", "--format", "json", "v.yaml"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });
});
