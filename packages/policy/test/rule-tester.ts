import { checkValues, defaultConfig, formatMessage, parseSource, type MessageData, type Problem, type ResolvedConfig } from "@llmchart/schema";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Rule } from "../src/define-rule.js";
import { lintPolicy } from "../src/engine.js";
import { applyFixes } from "../src/fix.js";
import type { ModelLock } from "../src/lock.js";
import type { ValuesInput } from "../src/merge.js";
import { rules as allRules } from "../src/registry.js";

export const fixturesRoot = join(import.meta.dirname, "fixtures");

export interface ExpectedProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Which of the rule's messages (`messages`): what a test should compare, not the wording. */
  messageId?: string;
  /** With messageId: the placeholder values; the message must then start with the filled template. */
  data?: MessageData;
  /** The exact message, or a pattern it must match (for the parts a messageId and data do not pin, such as a chart-default note). */
  message?: string | RegExp;
  path?: string;
  /** When a report is milder than the rule's default severity. */
  severity?: "error" | "warning" | "info";
}

export interface InvalidCase {
  /** File name in `fixtures/<rule-id>/invalid/`. */
  file: string;
  errors: ExpectedProblem[];
  /** For fixable rules: `--fix` turns the file into `fixtures/<rule-id>/fixed/<file>`. */
  fixed?: boolean;
}

export interface RuleCases {
  /** File names in `fixtures/<rule-id>/valid/`: no problem of this rule. */
  valid: string[];
  invalid: InvalidCase[];
  chartDefaults?: ValuesInput;
  config?: ResolvedConfig;
  /** Run every registered rule and keep this rule's problems (for unused-disable, which depends on the others). */
  withAllRules?: boolean;
  /** The project's lock file (pinned models), as `llmchart models pin` writes it. */
  modelLock?: ModelLock;
}

function listYaml(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort() : [];
}

/** Lints `text` as `file` with only `rule`, after asserting the fixture passes the schema (so "valid" cannot pass by being skipped). */
type LintOptions = Pick<RuleCases, "chartDefaults" | "config" | "withAllRules" | "modelLock">;

export function lintWith(rule: Rule, file: string, text: string, cases: LintOptions = {}): Problem[] {
  const source = parseSource(file, text);
  const checked = checkValues(source);
  expect(checked.problems.filter((p) => p.severity === "error"), `${file} must pass the values schema`).toEqual([]);
  return lintPolicy([{ source, checked }], {
    rules: cases.withAllRules ? allRules : [rule],
    config: cases.config ?? defaultConfig,
    ...(cases.chartDefaults ? { chartDefaults: cases.chartDefaults } : {}),
    ...(cases.modelLock ? { modelLock: cases.modelLock } : {}),
  }).filter((p) => p.ruleId === rule.id);
}

/** Applies `--fix` until nothing changes (at most 10 passes), like the CLI. */
export function fixUntilStable(rule: Rule, file: string, text: string, cases: LintOptions = {}): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const problems = lintWith(rule, file, current, cases);
    const next = applyFixes(parseSource(file, current), problems);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The typescript-eslint RuleTester idea over fixture files: every valid fixture yields no
 * problem of the rule, every invalid one exactly the listed problems (positions and messages),
 * fixable rules turn it into the fixed fixture, and fixture files and cases match one to one.
 */
export function testRule(rule: Rule, cases: RuleCases): void {
  const dir = join(fixturesRoot, rule.id);
  describe(`rule ${rule.id}`, () => {
    it("has a case for every fixture file and a fixture file for every case", () => {
      expect(listYaml(join(dir, "valid"))).toEqual([...cases.valid].sort());
      expect(listYaml(join(dir, "invalid"))).toEqual(cases.invalid.map((c) => c.file).sort());
      expect(listYaml(join(dir, "fixed"))).toEqual(cases.invalid.filter((c) => c.fixed).map((c) => c.file).sort());
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    it("reports every message it declares in some invalid case", () => {
      const reported = new Set(cases.invalid.flatMap((c) => lintWith(rule, `invalid/${c.file}`, readFileSync(join(dir, "invalid", c.file), "utf8"), cases).map((p) => p.messageId)));
      expect(Object.keys(rule.messages).filter((id) => !reported.has(id))).toEqual([]);
    });

    for (const file of cases.valid) {
      it(`accepts valid/${file}`, () => {
        const text = readFileSync(join(dir, "valid", file), "utf8");
        expect(lintWith(rule, `valid/${file}`, text, cases)).toEqual([]);
      });
    }

    for (const c of cases.invalid) {
      it(`reports invalid/${c.file}`, () => {
        const text = readFileSync(join(dir, "invalid", c.file), "utf8");
        const problems = lintWith(rule, `invalid/${c.file}`, text, cases);
        if (!rule.fixable) expect(problems.filter((p) => p.fix)).toEqual([]);
        expect(problems).toHaveLength(c.errors.length);
        c.errors.forEach((e, i) => {
          const p = problems[i]!;
          expect({ line: p.line, column: p.column }, `problem ${i}: ${p.message}`).toEqual({ line: e.line, column: e.column });
          if (e.endLine !== undefined) expect(p.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(p.endColumn).toBe(e.endColumn);
          if (e.path !== undefined) expect(p.path).toBe(e.path);
          expect(p.severity, `problem ${i}: ${p.message}`).toBe(e.severity ?? rule.severity);
          expect(e.messageId !== undefined || e.message !== undefined, `case ${c.file} problem ${i} names a messageId or a message`).toBe(true);
          if (e.messageId !== undefined) {
            expect(p.messageId, `problem ${i}: ${p.message}`).toBe(e.messageId);
            if (e.data) expect(p.message.startsWith(formatMessage(rule.messages[e.messageId]!, e.data)), `problem ${i}: ${p.message}`).toBe(true);
          }
          if (typeof e.message === "string") expect(p.message).toBe(e.message);
          else if (e.message) expect(p.message).toMatch(e.message);
        });
      });
      if (c.fixed) {
        it(`fixes invalid/${c.file} into fixed/${c.file}, which re-lints clean`, () => {
          const text = readFileSync(join(dir, "invalid", c.file), "utf8");
          const fixed = fixUntilStable(rule, `invalid/${c.file}`, text, cases);
          expect(fixed).toBe(readFileSync(join(dir, "fixed", c.file), "utf8"));
          expect(lintWith(rule, `fixed/${c.file}`, fixed, cases)).toEqual([]);
        });
      }
    }
  });
}
