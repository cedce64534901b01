// Hostile and broken input through lint, check, render and new: every case ends with exit 1 or
// 2, one line per problem naming the file (with its position when there is one), no stack trace
// and no hang. Real processes where the claim is about the process (time and memory bounds).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { compactProblems, expectInputErrors, expectNoCrash, snapshotTree, spawnCli, tempDirs } from "./hostile-support.js";

const temp = tempDirs();

const VALUES = "infra/apps/llm/values";
const CHART_VALUES = "infra/apps/llm/charts/llama-cpp/values.yaml";
const MiB = 1024 * 1024;

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
  }
  return lines.join("\n") + "\n";
}

const seed = () => readFileSync(join(layoutCopyOnce(), VALUES, "phi2.yaml"), "utf8");
let layoutForSeed: string | undefined;
function layoutCopyOnce(): string {
  return (layoutForSeed ??= temp.layout());
}

interface Expected {
  rule: string;
  line: number;
  column: number;
  message: RegExp;
}

/** Values files that parse but must be refused, each with the one problem it must produce. */
const PROBLEM_FILES: Array<[string, () => string, Expected[]]> = [
  ["alias-bomb.yaml", aliasBomb, [{ rule: "yaml/syntax", line: 1, column: 1, message: /too many alias expansions \(more than 100\)/ }]],
  ["deep-flow.yaml", () => `extraArgs: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`, [{ rule: "yaml/syntax", line: 1, column: 75, message: /^nested too deeply: more than 64 levels/ }]],
  ["deep-block.yaml", () => `extraArgs:\n  ${"- ".repeat(50_000)}x\n`, [{ rule: "yaml/syntax", line: 2, column: 129, message: /^nested too deeply/ }]],
  ["deep-map.yaml", () => `affinity: ${"{a: ".repeat(30_000)}1${"}".repeat(30_000)}\n`, [{ rule: "yaml/syntax", line: 1, column: 263, message: /^nested too deeply/ }]],
  ["two-docs.yaml", () => `${seed()}---\nreplicaCount: 2\n`, [{ rule: "yaml/multiple-documents", line: 37, column: 1, message: /one YAML document/ }]],
  ["bom.yaml", () => `\uFEFF${seed().replace("replicaCount: 1", "replicaCount: one")}`, [{ rule: "schema/type", line: 3, column: 15, message: /replicaCount must be an integer/ }]],
  ["crlf.yaml", () => seed().replace(/\n/g, "\r\n").replace("replicaCount: 1", "replicaCount: -1"), [{ rule: "schema/minimum", line: 3, column: 15, message: /replicaCount must be >= 0/ }]],
  ["tabs.yaml", () => 'nodeSelector:\n\tllm-node: "true"\n', [{ rule: "yaml/tab-indent", line: 2, column: 1, message: /tab used for indentation/ }]],
  ["list-key.yaml", () => "nodeSelector:\n  ? [a, b]\n  : x\n", [{ rule: "yaml/non-string-key", line: 2, column: 5, message: /not a list/ }]],
  ["null-key.yaml", () => "nodeSelector:\n  null: x\n", [{ rule: "yaml/non-string-key", line: 2, column: 3, message: /not null/ }]],
  ["cycle.yaml", () => "affinity: &a {b: *a}\n", [{ rule: "yaml/syntax", line: 1, column: 18, message: /alias \*a is used inside the node it names/ }]],
  ["null-no-default.yaml", () => `${seed()}\npriorityClassName: null\n`, [{ rule: "null-without-default", line: 38, column: 1, message: /^priorityClassName is null, but the chart has no default/ }]],
  ["scalar.yaml", () => "just a string\n", [{ rule: "schema/type", line: 1, column: 1, message: /values must be a mapping/ }]],
];

/** Files that cannot be read at all: exit 2, one line naming the file. */
const UNREADABLE: Array<[string, () => string | Buffer, RegExp]> = [
  ["huge.yaml", () => "# padding\n".repeat((10 * MiB) / 10), /: file is 10485760 bytes, larger than the 1048576-byte limit for a values file$/],
  ["binary.yaml", () => Buffer.from([0x72, 0x65, 0x70, 0x00, 0x01, 0xff, 0x0a]), /: binary file \(contains NUL bytes\), expected YAML text$/],
  ["latin1.yaml", () => Buffer.from("nodeSelector:\n  zone: caf\xe9\n", "latin1"), /: not valid UTF-8 text$/],
];

describe("lint: YAML built to explode or confuse", () => {
  let root: string;
  beforeAll(() => {
    root = temp.layout();
    for (const [name, make] of PROBLEM_FILES) writeFileSync(join(root, VALUES, name), make());
    for (const [name, make] of UNREADABLE) writeFileSync(join(root, VALUES, name), make());
  });

  it.each(PROBLEM_FILES.map(([name, , expected]) => [name, expected] as const))("%s: exit 1 and one positioned line per problem", async (name, expected) => {
    const r = await runCli(["lint", "--quiet", "--format", "compact", `${VALUES}/${name}`], root);
    expectNoCrash(r);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toBe("");
    const problems = compactProblems(r.stdout);
    expect(problems.map((p) => ({ file: p.file, rule: p.ruleId, line: p.line, column: p.column }))).toEqual(
      expected.map((e) => ({ file: `${VALUES}/${name}`, rule: e.rule, line: e.line, column: e.column })),
    );
    problems.forEach((p, i) => {
      expect(p.message).toMatch(expected[i]!.message);
    });
  });

  it.each(UNREADABLE.map(([name, , message]) => [name, message] as const))("%s: exit 2 and one line naming the file", async (name, message) => {
    const r = await runCli(["lint", `${VALUES}/${name}`], root);
    const [line] = expectInputErrors(r, [`${VALUES}/${name}`]);
    expect(line).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("accepts a values file of exactly the size limit", async () => {
    const text = `${seed()}\n`;
    writeFileSync(join(root, VALUES, "at-limit.yaml"), text + "#".repeat(MiB - Buffer.byteLength(text) - 1) + "\n");
    const r = await runCli(["lint", "--quiet", `${VALUES}/at-limit.yaml`], root);
    expectNoCrash(r);
    expect(r.code, r.stderr + r.stdout).toBe(0);
  });

  it.each([
    ["an empty file", ""],
    ["a file that is only a comment", "# nothing yet\n"],
  ])("judges %s as values that set nothing (the chart defaults), without crashing", async (_, text) => {
    writeFileSync(join(root, VALUES, "blank.yaml"), text);
    const r = await runCli(["lint", "--format", "compact", `${VALUES}/blank.yaml`], root);
    expectNoCrash(r);
    expect([0, 1]).toContain(r.code);
    for (const p of compactProblems(r.stdout)) expect(p.file).toBe(`${VALUES}/blank.yaml`);
  });

  it("reports every unreadable file of one run, one line each", async () => {
    const r = await runCli(["lint", ...UNREADABLE.map(([name]) => `${VALUES}/${name}`), `${VALUES}/missing.yaml`], root);
    expectInputErrors(r, [...UNREADABLE.map(([name]) => `${VALUES}/${name}`), `${VALUES}/missing.yaml`]);
  });
});

describe("lint: paths", () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = temp.layout();
    outside = temp.track(mkdtempSync(join(tmpdir(), "llmchart-outside-")));
    writeFileSync(join(outside, "shared.yaml"), seed());
    mkdirSync(join(root, VALUES, "folder.yaml"));
    writeFileSync(join(root, VALUES, "notes.txt"), "replicaCount: 1\n");
    symlinkSync(join(outside, "shared.yaml"), join(root, VALUES, "linked.yaml"));
    symlinkSync("loop-b.yaml", join(root, VALUES, "loop-a.yaml"));
    symlinkSync("loop-a.yaml", join(root, VALUES, "loop-b.yaml"));
    symlinkSync(join(outside, "gone.yaml"), join(root, VALUES, "dangling.yaml"));
    execFileSync("mkfifo", [join(root, VALUES, "fifo.yaml")]);
    writeFileSync(join(root, VALUES, "my model é.yaml"), "replicaCount: one\n");
  });

  it.each([
    ["a missing file", "missing.yaml", /: no such file$/],
    ["a directory", "folder.yaml", /: is a directory, expected a YAML file$/],
    ["a file that is not .yaml", "notes.txt", /: not a YAML file \(expected \.yaml or \.yml\)$/],
    ["a symlink loop", "loop-a.yaml", /: too many levels of symbolic links$/],
    ["a dangling symlink", "dangling.yaml", /: no such file$/],
    ["a FIFO (which would block a plain open forever)", "fifo.yaml", /: is not a regular file$/],
  ])("refuses %s with exit 2 and one line naming it", async (_, name, message) => {
    const r = await runCli(["lint", `${VALUES}/${name}`], root);
    const [line] = expectInputErrors(r, [`${VALUES}/${name}`]);
    expect(line).toMatch(message);
  });

  it("refuses a symlink to a values file outside the repository unread (io/outside-repository), naming the link", async () => {
    const r = await runCli(["lint", "--format", "compact", `${VALUES}/linked.yaml`], root);
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(compactProblems(r.stdout)).toEqual([expect.objectContaining({ file: `${VALUES}/linked.yaml`, line: 1, column: 1, ruleId: "io/outside-repository" })]);
  });

  it("names a file with spaces and unicode exactly, with positions", async () => {
    const r = await runCli(["lint", "--quiet", "--format", "compact", `${VALUES}/my model é.yaml`], root);
    expect(r.code).toBe(1);
    // The name is no model name render accepts (layout/model-name), and the content is still judged:
    // every finding at once, the schema's and the chart's (this fragment has no model).
    expect(compactProblems(r.stdout)).toEqual([
      expect.objectContaining({ file: `${VALUES}/my model é.yaml`, line: 1, column: 1, ruleId: "chart-required" }),
      expect.objectContaining({ file: `${VALUES}/my model é.yaml`, line: 1, column: 1, ruleId: "chart-required" }),
      expect.objectContaining({ file: `${VALUES}/my model é.yaml`, line: 1, column: 1, ruleId: "layout/model-name" }),
      expect.objectContaining({ file: `${VALUES}/my model é.yaml`, line: 1, column: 15, ruleId: "schema/type" }),
    ]);
  });

  it("without arguments, reports the FIFO in the values folder as unreadable instead of waiting on it, and lints the rest (real process)", async () => {
    const r = await spawnCli(["lint", "--format", "compact"], root);
    expect(r.signal).toBeNull();
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const problems = compactProblems(r.stdout);
    expect(problems).toContainEqual(expect.objectContaining({ file: `${VALUES}/fifo.yaml`, line: 1, column: 1, ruleId: "io/unreadable" }));
    // One bad file never hides the rest: the other files' findings are there too.
    expect(new Set(problems.map((p) => p.file)).size).toBeGreaterThan(1);
  });
});

describe("real processes stay within time and memory on hostile input", () => {
  it.each([
    ["an alias bomb", aliasBomb()],
    ["50 000 nested lists", `extraArgs: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
    ["nested flow mappings", `affinity: ${"{a: ".repeat(30_000)}1${"}".repeat(30_000)}\n`],
  ])("lint and check answer %s with one positioned line, exit 1 (heap capped at 256 MB)", { timeout: 120_000 }, async (_, text) => {
    const root = temp.layout();
    writeFileSync(join(root, VALUES, "hostile.yaml"), text);
    for (const args of [["lint", "--quiet", "--format", "compact", `${VALUES}/hostile.yaml`], ["check", "--format", "compact"]]) {
      const r = await spawnCli(args, root);
      expect(r.signal, r.stderr).toBeNull();
      expectNoCrash(r);
      expect(r.code, r.stderr).toBe(1);
      // check also reports the new model's missing Application (render/missing): only the values file is judged here.
      const errors = compactProblems(r.stdout).filter((p) => p.severity === "error" && p.file.startsWith(VALUES));
      expect(errors).toEqual([expect.objectContaining({ file: `${VALUES}/hostile.yaml`, ruleId: "yaml/syntax" })]);
    }
  });

  it("check reports a 10 MB values file as unreadable (exit 1) and still checks every other model", async () => {
    const root = temp.layout();
    writeFileSync(join(root, VALUES, "huge.yaml"), "a: b\n".repeat((10 * MiB) / 5));
    const r = await spawnCli(["check", "--format", "compact"], root);
    expect(r.signal).toBeNull();
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const problems = compactProblems(r.stdout);
    expect(problems).toContainEqual(expect.objectContaining({ file: `${VALUES}/huge.yaml`, ruleId: "io/unreadable", message: expect.stringContaining("larger than the 1048576-byte limit") as unknown }));
    expect(problems.some((p) => p.file === `${VALUES}/phi2.yaml`)).toBe(true);
  });
});

/** Broken config files: every command exits 2 and prints each problem as one `file:line:col: message` line. */
const CONFIGS: Array<[string, string | Buffer, RegExp]> = [
  ["a YAML syntax error", "layout: [\n", /^llmchart: llmchart\.config\.yaml:2:1: /],
  ["an unknown key and a wrong type", "layout:\n  root: 5\nbogus: 1\n", /^llmchart: llmchart\.config\.yaml:(2:9|3:1): /],
  ["an alias bomb", aliasBomb(), /^llmchart: llmchart\.config\.yaml:1:1: too many alias expansions/],
  ["deep nesting", `argocd: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`, /^llmchart: llmchart\.config\.yaml:1:\d+: nested too deeply/],
  ["a key that is not a string", "argocd:\n  ? [a]\n  : b\n", /^llmchart: llmchart\.config\.yaml:2:5: /],
  ["a layout folder outside the repository", "layout:\n  applicationsDir: ../../../../outside\n", /^llmchart: llmchart\.config\.yaml:2:20: layout\.applicationsDir must be a folder inside layout\.root/],
  ["an absolute layout root", "layout:\n  root: /etc\n", /^llmchart: llmchart\.config\.yaml:2:9: /],
  ["overlapping layout folders", "layout:\n  chartDir: out\n  applicationsDir: out/apps\n", /^llmchart: llmchart\.config\.yaml:3:20: layout\.applicationsDir \(infra\/apps\/llm\/out\/apps\) overlaps layout\.chartDir/],
];

const EVERY_COMMAND: string[][] = [
  ["lint"],
  ["render"],
  ["check"],
  ["new", "qwen7b", "--repo-id", "Qwen/Qwen2.5-7B-Instruct-GGUF", "--file", "qwen2.5-7b-instruct-q4_k_m.gguf"],
  ["rotate", "--all", "--value", "x"],
];

describe("a malformed or missing config", () => {
  it.each(CONFIGS)("with %s: every command exits 2 with all problems, one positioned line each, and writes nothing", async (_, text, first) => {
    const root = temp.layout();
    writeFileSync(join(root, "llmchart.config.yaml"), text);
    const before = snapshotTree(root);
    for (const args of EVERY_COMMAND) {
      const r = await runCli(args, root);
      expectNoCrash(r);
      expect(r.code, `${args[0]}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      for (const line of lines) expect(line).toMatch(/^llmchart: llmchart\.config\.yaml:\d+:\d+: /);
      expect(lines.find((l) => first.test(l)), r.stderr).toBeDefined();
    }
    expect(snapshotTree(root)).toEqual(before);
  });

  it.each([
    ["binary data", Buffer.from([0, 1, 2, 3]), /: binary file/],
    ["10 MB", "# x\n".repeat((10 * MiB) / 4), /: file is 10485760 bytes/],
  ])("refuses a config of %s with exit 2 and one line", async (_, text, message) => {
    const root = temp.layout();
    writeFileSync(join(root, "llmchart.config.yaml"), text);
    for (const args of EVERY_COMMAND) {
      const [line] = expectInputErrors(await runCli(args, root), ["llmchart.config.yaml"]);
      expect(line).toMatch(message);
    }
  });

  it("without a config: every command says so in one line that points at `llmchart init` (exit 2)", async () => {
    const root = temp.layout();
    execFileSync("rm", [join(root, "llmchart.config.yaml")]);
    for (const args of EVERY_COMMAND) {
      const [line] = expectInputErrors(await runCli(args, root), ["llmchart.config.yaml"]);
      expect(line).toMatch(/^llmchart: llmchart\.config\.yaml: not found in .* run `llmchart init` to create one from your layout$/);
    }
  });

  it("lint reports a broken chart values.yaml (the chart defaults) as one line per problem naming it", async () => {
    const root = temp.layout();
    writeFileSync(join(root, CHART_VALUES), "image:\n  tag: [\n");
    const r = await runCli(["lint"], root);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    for (const line of r.stderr.trim().split("\n")) expect(line).toMatch(new RegExp(`^llmchart: ${CHART_VALUES}:\\d+:\\d+: chart defaults: `));
  });
});
