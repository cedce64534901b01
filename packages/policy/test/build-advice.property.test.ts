// "No message, fix or quick fix ever suggests a flag, env var or value that the file's build
// rejects" (issue 22), property-based over the generated flag data: random builds (inside the
// data, newer and older than it, floating tags and bare digests) and random files built from
// random flags of random builds — removed, deprecated and later ones included, with random
// values and LLAMA_ARG_* variables — are linted with every rule. Every flag or variable that a
// problem's message or fix names must be one the file's build accepts (active or deprecated),
// with its value among the flag's choices; the only exception is the file's own text at the
// problem's position (an error quoting the flag it is about). Quick fixes are the problems'
// fixes. The seed is printed; FC_SEED=<n> replays a run, FC_RUNS=<n> changes its size.
import { checkValues, defaultConfig, parseSource, type Problem } from "@llmchart/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { effectiveModel } from "../src/effective.js";
import { lintPolicy } from "../src/engine.js";
import { DATA_RANGE, flagsAt } from "../src/llama/builds.js";
import type { FlagTable } from "../src/llama/types.js";

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FC_RUNS ?? 150);

const FIRST: number = DATA_RANGE.first;
const LAST: number = DATA_RANGE.last;
/** Builds whose tables give the spellings and variables the files are made of. */
const SAMPLE_BUILDS = Array.from({ length: 13 }, (_, i) => Math.round(FIRST + ((LAST - FIRST) * i) / 12));
const tables = SAMPLE_BUILDS.map((b) => flagsAt(b));

interface Known {
  name: string;
  values: readonly string[];
}
/** Every spelling any sampled build knows (active, deprecated, removed, other tools'), with values worth trying. */
const FLAGS: readonly Known[] = (() => {
  const byName = new Map<string, Set<string>>();
  for (const t of tables) {
    for (const s of t.specs) {
      for (const n of s.names) {
        const set = byName.get(n) ?? new Set<string>();
        if (s.takesValue) for (const v of s.allowedValues ?? []) set.add(v);
        byName.set(n, set);
      }
    }
  }
  for (const typo of ["--ctx-sise", "--threds", "-x", "--log-format", "--no-such-flag"]) byName.set(typo, new Set());
  return [...byName].map(([name, values]) => ({ name, values: [...values] }));
})();
const ENVS: readonly string[] = [
  ...new Set([...tables.flatMap((t) => t.specs.flatMap((s) => [s.env, s.envNegated])), "LLAMA_ARG_CTX_SZE", "LLAMA_ARG_NO_SUCH", "HTTPS_PROXY"].filter((e): e is string => !!e)),
];
const VALUES = ["4", "-1", "0", "2048", "4096", "8", "q8_0", "on", "off", "auto", "mlock", "none", "abc", "4.5", "true"];

const arbBuildTag = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: FIRST, max: LAST }).map((b) => ({ tag: `server-b${b}` })) },
  { weight: 1, arbitrary: fc.constantFrom(10875, 10900, 11429, 12000).map((b) => ({ tag: `server-b${b}` })) },
  { weight: 1, arbitrary: fc.constantFrom(1000, FIRST - 1).map((b) => ({ tag: `server-b${b}` })) },
  { weight: 1, arbitrary: fc.constant({ tag: "server" }) },
  { weight: 1, arbitrary: fc.constant({ tag: "", digest: `sha256:${"c".repeat(64)}` }) },
);

const arbFlagItem = fc.tuple(fc.constantFrom(...FLAGS), fc.integer({ min: 0, max: 5 }), fc.constantFrom(...VALUES)).map(([flag, pick, fallback]) => {
  if (pick === 0) return [flag.name];
  if (pick === 1) return [`${flag.name}=${flag.values[0] ?? fallback}`];
  return [flag.name, flag.values.length && pick < 4 ? flag.values[pick % flag.values.length]! : fallback];
});

const arbFile = fc.record({
  image: arbBuildTag,
  memory: fc.constantFrom(undefined, "1Gi", "3Gi", "6Gi", "12Gi", "64Gi"),
  cpu: fc.constantFrom(undefined, "2", "4"),
  model: fc.constantFrom(
    { repoId: "TheBloke/phi-2-GGUF", filename: "phi-2.Q4_K_M.gguf" },
    { repoId: "TheBloke/Mistral-7B-Instruct-v0.2-GGUF", filename: "mistral-7b-instruct-v0.2.Q4_K_M.gguf" },
    { repoId: "someone/custom", filename: "my-finetune.gguf" },
  ),
  tmpfs: fc.boolean(),
  base: fc.constantFrom([], ["-c", "4096"], ["-c", "0"], ["-c", "2048", "-np", "8"], ["-np", "4"], ["-t", "4"]),
  args: fc.array(arbFlagItem, { maxLength: 6 }),
  env: fc.array(fc.tuple(fc.constantFrom(...ENVS), fc.constantFrom(...VALUES)), { maxLength: 3 }),
});
type FileSpec = typeof arbFile extends fc.Arbitrary<infer T> ? T : never;

function valuesText(f: FileSpec): string {
  const limits = { ...(f.memory ? { memory: f.memory } : {}), ...(f.cpu ? { cpu: f.cpu } : {}) };
  return stringify({
    image: { repository: "ghcr.io/ggml-org/llama.cpp", ...f.image },
    ...(Object.keys(limits).length ? { resources: { limits } } : {}),
    model: f.model,
    ...(f.tmpfs ? { volume: { models: { medium: "Memory" } } } : {}),
    extraArgs: [...f.base, ...f.args.flat()],
    ...(f.env.length ? { extraEnv: f.env.map(([name, value]) => ({ name, value })) } : {}),
    // Quoted: Helm reads a plain `on` as true.
  }, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
}

const FLAG_TOKEN = /(?<![\w-])(--?[a-zA-Z](?:[\w+.-]*[\w+])?)(?:[ =]"?([a-z0-9_+.]+))?/g;
const ENV_TOKEN = /\b(LLAMA_[A-Z0-9_]+|HF_TOKEN)\b/g;

/**
 * What a problem may quote although the build rejects it: the file's own text — every item of
 * extraArgs (with the other names of its flag), every variable of extraEnv and the flag it stands
 * for (LLAMA_ARG_POOLING is --pooling). A problem quotes the items it is about, and those may sit
 * anywhere in the file (the first and the last of a repeated flag, a flag and its variable).
 */
function ownText(tokens: readonly string[], env: readonly { name: string }[], flags: FlagTable): Set<string> {
  const own = new Set<string>();
  for (const t of tokens) {
    const name = t.split("=")[0]!;
    own.add(name);
    for (const n of flags.find(name)?.names ?? []) own.add(n);
  }
  for (const { name } of env) {
    own.add(name);
    for (const n of flags.findEnv(name)?.spec.names ?? []) own.add(n);
  }
  return own;
}

/** Whether the name ending at `end` is the start of a quote cut short: more name characters (or none), then "…". */
function cutShort(text: string, end: number): boolean {
  return /^[\w+.-]*…/.test(text.slice(end, end + 200));
}

/** How many flags and variables the problems named beyond their own text: the property is not vacuous. */
let named = 0;

/** The flags, variables and flag values a problem names that the build rejects. */
function rejectedIn(p: Problem, flags: FlagTable, own: Set<string>): string[] {
  const bad: string[] = [];
  const text = `${p.message}\n${p.fix?.text ?? ""}`;
  for (const m of text.matchAll(FLAG_TOKEN)) {
    const name = m[1]!;
    // A quote cut short ("--spec-draft-cpu-mask-ba…", "--no-spec-draft-backend-…") is the file's own text, not advice.
    if (own.has(name) || cutShort(text, m.index + m[0].indexOf(name) + name.length)) continue;
    named++;
    const spec = flags.find(name);
    if (!spec || !spec.server || spec.status === "removed") bad.push(name);
    else if (spec.takesValue && spec.allowedValues && m[2] !== undefined && !spec.allowedValues.includes(m[2])) bad.push(`${name} ${m[2]}`);
  }
  for (const m of text.matchAll(ENV_TOKEN)) {
    const name = m[1]!;
    if (own.has(name) || cutShort(text, m.index + name.length)) continue;
    named++;
    const spec = flags.findEnv(name)?.spec;
    if (!spec || !spec.server || spec.status === "removed") bad.push(name);
  }
  return bad;
}

describe("advice follows the file's build (property)", () => {
  it(`names no flag, variable or value the file's build rejects (FC_SEED=${SEED})`, () => {
    console.log(`build-advice property: FC_SEED=${SEED} FC_RUNS=${RUNS}`);
    let linted = 0;
    fc.assert(
      fc.property(arbFile, (f) => {
        const text = valuesText(f);
        const source = parseSource("values/m.yaml", text);
        const checked = checkValues(source);
        expect(checked.problems.filter((p) => p.severity === "error"), text).toEqual([]);
        const { build, args } = effectiveModel(source, { config: defaultConfig });
        const env = f.env.map(([name]) => ({ name }));
        const problems = lintPolicy([{ source, checked }], { config: defaultConfig });
        const own = ownText(args.tokens, env, build.flags);
        linted++;
        const bad = problems.flatMap((p) => rejectedIn(p, build.flags, own).map((r) => `${r} in ${p.ruleId}: ${p.message}`));
        expect(bad, `build ${build.label}\n${text}`).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(linted).toBeGreaterThanOrEqual(RUNS);
    expect(named).toBeGreaterThan(RUNS);
  });
});
