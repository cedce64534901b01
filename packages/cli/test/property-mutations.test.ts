// Random damage to the seed files — byte flips, deleted or repeated lines, changed indentation,
// truncation, pasted YAML syntax — never crashes the linter: lint answers 0, 1 or 2, problems
// name the file with positions inside it, unreadable input is one line per file, and
// `render --check` over a damaged config writes nothing. Failures print fast-check's seed:
// FC_SEED=<n> replays one, FC_RUNS=<n> runs more.
import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";
import { expectNoCrash, snapshotTree, tempDirs } from "./hostile-support.js";

const temp = tempDirs();

const VALUES = "infra/apps/llm/values";
const runs = (n: number) => ({ numRuns: Number(process.env.FC_RUNS ?? n), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

type Mutation =
  | { kind: "flip"; at: number; mask: number }
  | { kind: "delete-line" | "repeat-line"; line: number }
  | { kind: "indent"; line: number; by: number; tab: boolean }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "swap-lines"; a: number; b: number };

const SNIPPETS = ["\t", ": ", "- ", "? ", "&a ", "*a", "*b", "<<: *a\n", "!!binary ", "{", "}", "[", "]", "'", '"', "#", "\n---\n", "...", "|", ">", "{{", "~", "no", "010", "\r", "\u0000", "\u00ff", "\u2028", "\ufeff", "  ", "\n  "];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constantFrom("delete-line" as const, "repeat-line" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: fc.nat(), b: fc.nat() }),
);

/** Applies mutations to raw bytes (so they can break UTF-8 too). */
function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const m of mutations) {
    const lines = () => bytes.toString("latin1").split("\n");
    const join = (ls: string[]) => Buffer.from(ls.join("\n"), "latin1");
    switch (m.kind) {
      case "flip":
        if (bytes.length) bytes[m.at % bytes.length] = bytes[m.at % bytes.length]! ^ m.mask;
        break;
      case "delete-line":
      case "repeat-line": {
        const ls = lines();
        const i = m.line % ls.length;
        ls.splice(i, m.kind === "delete-line" ? 1 : 0, ...(m.kind === "repeat-line" ? [ls[i]!] : []));
        bytes = join(ls);
        break;
      }
      case "indent": {
        const ls = lines();
        const i = m.line % ls.length;
        ls[i] = m.by >= 0 ? (m.tab ? "\t" : " ".repeat(m.by)) + ls[i]! : ls[i]!.slice(Math.min(-m.by, ls[i]!.length - ls[i]!.trimStart().length));
        bytes = join(ls);
        break;
      }
      case "truncate":
        bytes = bytes.subarray(0, m.at % (bytes.length + 1));
        break;
      case "insert": {
        const at = m.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text, "utf8"), bytes.subarray(at)]);
        break;
      }
      case "swap-lines": {
        const ls = lines();
        const a = m.a % ls.length;
        const b = m.b % ls.length;
        [ls[a], ls[b]] = [ls[b]!, ls[a]!];
        bytes = join(ls);
        break;
      }
    }
  }
  return bytes;
}

let root: string;
let seeds: Array<{ name: string; bytes: Buffer }>;

beforeAll(() => {
  root = temp.layout();
  seeds = ["phi2.yaml", "dolphin-phi2.yaml", "mistral7b.yaml"].map((name) => ({ name, bytes: readFileSync(join(root, VALUES, name)) }));
});

describe("damaged values files", () => {
  it("never crash lint: exit 0, 1 or 2 with well-formed, positioned answers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
        const seed = seeds[which % seeds.length]!;
        const bytes = mutate(seed.bytes, mutations);
        const rel = `${VALUES}/damaged.yaml`;
        writeFileSync(join(root, rel), bytes);
        const r = await runCli(["lint", "--format", "json", rel], root);
        expectNoCrash(r);
        expect([0, 1, 2]).toContain(r.code);
        if (r.code === 2) {
          expect(r.stdout).toBe("");
          expect(r.stderr).toMatch(new RegExp(`^llmchart: ${rel}: [^\\n]+\\n$`));
          return;
        }
        expect(r.stderr).toBe("");
        const problems = JSON.parse(r.stdout) as Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; message: string }>;
        const lineCount = bytes.toString("utf8").split("\n").length;
        for (const p of problems) {
          expect(p.file).toBe(rel);
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lineCount);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.endLine).toBeGreaterThanOrEqual(p.line);
          expect(p.message.length).toBeGreaterThan(0);
        }
        expect(r.code).toBe(problems.some((p) => p.severity === "error") ? 1 : 0);
      }),
      runs(250),
    );
  }, 120_000);
});

describe("a damaged config", () => {
  it("never crashes lint or render --check, and render --check writes nothing", async () => {
    const dir = temp.layout();
    const config = readFileSync(join(dir, "llmchart.config.yaml"));
    const before = snapshotTree(join(dir, "infra"));
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        writeFileSync(join(dir, "llmchart.config.yaml"), mutate(config, mutations));
        for (const args of [["lint", "--quiet"], ["render", "--check", "--format", "compact"]]) {
          const r = await runCli(args, dir);
          expectNoCrash(r);
          expect([0, 1, 2], `${args.join(" ")}: ${r.stderr}`).toContain(r.code);
          if (r.code === 2) for (const line of r.stderr.trimEnd().split("\n")) expect(line).toMatch(/^llmchart( [a-z]+)?: /);
        }
        expect(snapshotTree(join(dir, "infra"))).toEqual(before);
      }),
      runs(80),
    );
  }, 120_000);
});
