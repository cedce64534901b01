// Random values of the wrong type in the fixtures' files never make the policy stage throw, and
// a rule that read a value the schema rejected never reports (it is skipped, not guessing).
// Prints its seed: LLMCHART_TEST_SEED=<n> replays a run, LLMCHART_TEST_RUNS=<n> runs more.
import { checkValues, parseSource, type PathSegment, type Problem } from "@llmchart/schema";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { toSegments, type EffectiveValues, type PathLike, type Rule, type RuleContext } from "../src/define-rule.js";
import { chartAddsFor, DERIVED_FROM, effectiveModel, pinnedServerBuild } from "../src/effective.js";
import { lintPolicy } from "../src/engine.js";
import { overlaps } from "../src/invalid-values.js";
import { memoryInputsOf } from "../src/memory.js";
import { mergeValues } from "../src/merge.js";
import { modelOfValues } from "../src/model.js";
import { rules } from "../src/registry.js";
import { parseServerArgs } from "../src/server-args.js";
import { fallbackChartDefaults } from "../src/defaults.js";
import { defaultConfig } from "@llmchart/schema";
import { fixturesRoot } from "./rule-tester.js";

const SEED = Number(process.env.LLMCHART_TEST_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.LLMCHART_TEST_RUNS ?? 400);
console.log(`partial-values property test: LLMCHART_TEST_SEED=${SEED} LLMCHART_TEST_RUNS=${RUNS}`);

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const WRONG: readonly unknown[] = [5, -1, 0.5, 1e20, "x", "", "4", true, false, [], [1], [1, { a: "b" }], ["-t", ["8"]], {}, { a: 1 }, { name: 3 }];

const fixtures = readdirSync(fixturesRoot).flatMap((rule) =>
  ["valid", "invalid"].flatMap((kind) => {
    const dir = join(fixturesRoot, rule, kind);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    } catch {
      // a rule without fixtures of this kind
    }
    return names.map((f) => ({ name: `${rule}/${kind}/${f}`, text: readFileSync(join(dir, f), "utf8") }));
  }),
);

/** Every node's path in a document (map entries and list items), parents first. */
function nodePaths(node: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      out.push(p);
      nodePaths(pair.value, p, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out.push([...path, i]);
      nodePaths(item, [...path, i], out);
    });
  }
  return out;
}

/** A fixture with 1–3 values replaced by values of another type, and sometimes an unknown key. */
function corrupt(text: string, random: () => number): string {
  const doc = parseDocument(text);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const paths = nodePaths(doc.contents);
    if (!paths.length) break;
    doc.setIn(pick(paths), doc.createNode(pick(WRONG)));
  }
  if (random() < 0.3) {
    const maps = [[] as PathSegment[], ...nodePaths(doc.contents).filter((p) => isMap(doc.getIn(p, true)))];
    doc.setIn([...pick(maps), "requestz"], 1);
  }
  return doc.toString();
}

/** The values paths a file's schema errors are about, worked out here from the problems' own fields. */
function rejectedPaths(problems: readonly Problem[]): PathSegment[][] {
  return problems
    .filter((p) => p.severity === "error")
    .map((p) => [...toSegments(p.path), ...(typeof p.data?.missingProperty === "string" ? [p.data.missingProperty] : [])]);
}

/** `rule` with its context's reads written to `reads` (the test's own record, beside the engine's). */
function spied(rule: Rule, reads: Map<string, PathSegment[][]>): Rule {
  return {
    ...rule,
    check(ctx: RuleContext) {
      const log: PathSegment[][] = [];
      reads.set(rule.id, log);
      const note = (p: PathLike) => {
        log.push(toSegments(p));
      };
      const spy: RuleContext = {
        file: ctx.file,
        values: ctx.values,
        keptNulls: ctx.keptNulls,
        config: ctx.config,
        get: (p) => (note(p), ctx.get(p)),
        text: (p) => (note(p), ctx.text(p)),
        origin: (p) => (note(p), ctx.origin(p)),
        node: (p) => (note(p), ctx.node(p)),
        get args() {
          DERIVED_FROM.args.forEach(note);
          return ctx.args;
        },
        get model() {
          DERIVED_FROM.model.forEach(note);
          return ctx.model;
        },
        get estimate() {
          DERIVED_FROM.estimate.forEach(note);
          return ctx.estimate;
        },
        get build() {
          note("image");
          return ctx.build;
        },
        once: (key) => ctx.once(key),
        report: (r) => {
          ctx.report(r);
        },
      };
      rule.check(spy);
    },
  };
}

interface ReadRecord {
  /** Paths whose value was taken (not a mapping or list). */
  leaves: PathSegment[][];
  /** Mappings and lists whose keys were listed. */
  listed: PathSegment[][];
}

/** A view of `data` that records what is read from it. */
function recording(data: unknown, record: ReadRecord, path: PathSegment[] = []): unknown {
  if (data === null || typeof data !== "object") return data;
  return new Proxy(data, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key === "symbol" || typeof value === "function") return value;
      const p = [...path, Array.isArray(target) && /^\d+$/.test(key) ? Number(key) : key];
      if (value !== null && typeof value === "object") return recording(value, record, p);
      record.leaves.push(p);
      return value;
    },
    has(target, key) {
      record.listed.push(path);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.listed.push(path);
      return Reflect.ownKeys(target);
    },
  });
}

/** Whether every read lies within the paths a derived part is declared to come from. */
function uncovered(record: ReadRecord, from: readonly string[]): string[] {
  const declared = from.map((p) => toSegments(p));
  const within = (p: PathSegment[]) => declared.some((d) => d.length <= p.length && overlaps(d, p));
  return [
    ...record.leaves.filter((p) => !declared.some((d) => overlaps(d, p))),
    ...record.listed.filter((p) => !within(p)),
  ].map((p) => p.join("."));
}

/** Runs the derivations over a recording view of a file's merged values; what each read outside its DERIVED_FROM list. */
function derivationReads(text: string): Record<"args" | "model" | "estimate", string[]> {
  const merged = mergeValues(fallbackChartDefaults(defaultConfig), parseSource("values.yaml", text));
  const data = structuredClone(merged.data) as EffectiveValues;
  const argsRead: ReadRecord = { leaves: [], listed: [] };
  const view = recording(data, argsRead) as EffectiveValues;
  const build = pinnedServerBuild(defaultConfig);
  parseServerArgs(build.flags, view.extraArgs, view.extraEnv, chartAddsFor(view));
  const modelRead: ReadRecord = { leaves: [], listed: [] };
  modelOfValues((recording(data, modelRead) as EffectiveValues).model);
  const estimateRead: ReadRecord = { leaves: [], listed: [] };
  const args = parseServerArgs(build.flags, data.extraArgs, data.extraEnv, chartAddsFor(data));
  memoryInputsOf({ values: recording(data, estimateRead) as EffectiveValues, args, model: modelOfValues(data.model), build });
  return { args: uncovered(argsRead, DERIVED_FROM.args), model: uncovered(modelRead, DERIVED_FROM.model), estimate: uncovered(estimateRead, DERIVED_FROM.estimate) };
}

describe("DERIVED_FROM", () => {
  it("names every values path the server options, the model estimate and the memory estimate read", () => {
    for (const f of fixtures) expect(derivationReads(f.text), f.name).toEqual({ args: [], model: [], estimate: [] });
  });
});

describe(`values of the wrong type (LLMCHART_TEST_SEED=${SEED})`, () => {
  it("never make lintPolicy throw, and a rule that read a rejected value never reports", () => {
    const random = generator(SEED);
    let withErrors = 0;
    let reportsBesideErrors = 0;
    let skippedRules = 0;
    for (let run = 0; run < RUNS; run++) {
      const fixture = fixtures[Math.floor(random() * fixtures.length)]!;
      const text = corrupt(fixture.text, random);
      const where = `run ${run} (LLMCHART_TEST_SEED=${SEED}), from ${fixture.name}:\n${text}`;
      const source = parseSource("values.yaml", text);
      const checked = checkValues(source);
      // The derivations take any data as it is (capacity and new call them on unchecked files).
      expect(() => effectiveModel(source), where).not.toThrow();
      expect(derivationReads(text), where).toEqual({ args: [], model: [], estimate: [] });
      const rejected = rejectedPaths(checked.problems);
      if (checked.data === undefined || !rejected.length) continue;
      withErrors++;
      const reads = new Map<string, PathSegment[][]>();
      let problems: Problem[] = [];
      expect(() => {
        problems = lintPolicy([{ source, checked }], { rules: rules.map((r) => spied(r, reads)) });
      }, where).not.toThrow();
      const readRejected = new Set([...reads].filter(([, paths]) => paths.some((p) => rejected.some((bad) => overlaps(bad, p)))).map(([id]) => id));
      skippedRules += readRejected.size;
      const guesses = problems.filter((p) => readRejected.has(p.ruleId));
      expect(guesses.map((p) => `${p.ruleId} at ${p.line}:${p.column}`), where).toEqual([]);
      reportsBesideErrors += problems.length;
    }
    // Not vacuous: files with rejected values were judged, some rules were skipped, others reported.
    expect(withErrors).toBeGreaterThan(RUNS / 4);
    expect(skippedRules).toBeGreaterThan(0);
    expect(reportsBesideErrors).toBeGreaterThan(0);
  });
});
