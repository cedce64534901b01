// Every command's --help has one shape (usage, options, examples, exit codes) and is made from the
// same definition that parses its arguments (src/specs.ts), so the help cannot promise an option
// the command refuses, show an example it cannot parse, or say the hook runs something else than
// what `hook install` writes.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { helpText, parseCommand, type CommandSpec } from "../src/command-spec.js";
import { commands } from "../src/run.js";
import { HOOK_CHECK_ARGS, specs } from "../src/specs.js";
import { git, layoutCopy, removeLater, runCli } from "./helpers.js";

const names = Object.keys(specs) as (keyof typeof specs)[];
const spec = (name: keyof typeof specs): CommandSpec => specs[name];

describe("every command's --help", () => {
  it("covers every command llmchart runs, and `llmchart --help` lists each with its summary", async () => {
    expect(names).toEqual(Object.keys(commands));
    const top = await runCli(["--help"], tmpdir());
    for (const name of names) expect(top.stdout).toContain(`  ${name.padEnd(8)}  ${spec(name).summary}\n`);
  });

  it.each(names)("%s --help prints its definition, in the one shape: usage, options, examples, exit codes", async (name) => {
    const r = await runCli([name, "--help"], tmpdir());
    expect(r).toEqual({ code: 0, stdout: helpText(spec(name)), stderr: "" });
    const sections = ["Usage: llmchart ", "\n\nOptions:\n", "\n\nExamples:\n", "\n\nExit codes:\n"].map((s) => r.stdout.indexOf(s));
    expect(sections.every((at) => at >= 0), r.stdout).toBe(true);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    expect(r.stdout.startsWith(`Usage: llmchart ${name}`)).toBe(true);
    expect(r.stdout).toContain("  -h, --help");
    expect(r.stdout).toMatch(/^ {2}0 {2}\S/m);
    expect(r.stdout).toMatch(/^ {2}2 {2}usage error/m);
  });

  it.each(names)("%s accepts every option its help lists, and refuses one it does not (exit 2, one line)", async (name) => {
    const options = Object.entries(spec(name).options);
    for (const [option, o] of options) {
      const value = o.type === "string" ? ["x"] : [];
      const long = await runCli([name, `--${option}`, ...value, "--help"], tmpdir());
      expect(long.code, `${name} --${option}: ${long.stderr}`).toBe(0);
      expect(long.stdout).toContain(`--${option}`);
      if (o.short) expect((await runCli([name, `-${o.short}`, ...value, "--help"], tmpdir())).code, `${name} -${o.short}`).toBe(0);
    }
    const bogus = await runCli([name, "--no-such-option"], tmpdir());
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(new RegExp(`^llmchart ${name}: Unknown option '--no-such-option'[^\\n]*\\n$`));
  });

  it.each(names)("%s: every example is a command line its parser takes", (name) => {
    expect(spec(name).examples.length).toBeGreaterThan(0);
    for (const example of spec(name).examples) {
      const words = example.command.replace(/\s>\s.*$/, "").split(/\s+/);
      expect(words[0], example.command).toBe(name);
      expect(() => parseCommand(spec(name), words.slice(1)), example.command).not.toThrow();
    }
  });
});

describe("the examples do what the help says they do", () => {
  // The commands whose examples run on the bundled layout alone (check, diff, init need helm, git
  // history or a repository without a config: their examples are parsed above).
  const runnable = ["render", "lint", "new", "rotate", "capacity"] as const;
  it.each(runnable)("%s: each example runs on a copy of the bundled layout and exits with a code its help lists", async (name) => {
    for (const example of spec(name).examples) {
      const words = example.command.replace(/\s>\s.*$/, "").split(/\s+/);
      const r = await runCli(words, layoutCopy());
      expect(Object.keys(spec(name).exitCodes), `${example.command}: exit ${r.code} ${r.stderr}`).toContain(String(r.code));
      expect(r.code, `${example.command}: ${r.stderr}`).not.toBe(2);
    }
  });
});

describe("hook --help and the hook it installs", () => {
  it("says the installed hook runs exactly what the script `hook install` writes runs", async () => {
    const dir = removeLater(mkdtempSync(join(tmpdir(), "llmchart-hook-help-")));
    expect(git(dir, "init", "-q").status).toBe(0);
    expect((await runCli(["hook", "install"], dir)).code).toBe(0);
    const script = readFileSync(join(dir, ".git", "hooks", "pre-commit"), "utf8");
    const exec = /^exec node \S+ (.+)$/m.exec(script);
    expect(exec?.[1]).toBe(HOOK_CHECK_ARGS.join(" "));
    const help = (await runCli(["hook", "--help"], dir)).stdout;
    expect(help.replace(/\s+/g, " ")).toContain(`runs \`llmchart ${exec![1]!}\``);
  });
});
