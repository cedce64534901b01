import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { factsAt, fold, serialize, type FoldedFlags } from "../../scripts/flag-history/fold.mjs";
import { readSample, type Sample } from "../../scripts/flag-history/samples.mjs";
import { keyOf } from "../../scripts/flag-history/extract.mjs";
import type { FlagFacts } from "../../scripts/flag-history/facts.mjs";
import historyJson from "../../src/llama/flag-history.json" with { type: "json" };
import { flagsAt } from "../../src/llama/builds.js";

// The committed samples are what extract() read from llama.cpp at a few builds (data written by
// `gen-flag-history.mjs --samples`). Folding them must give what the committed data says at those
// builds: if the generator's fold or the data drift apart, this fails without a llama.cpp clone.
const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "samples");
const samples: Sample[] = readdirSync(dir)
  .filter((f) => /^b\d+\.json$/.test(f))
  .map((f) => readSample(readFileSync(join(dir, f), "utf8")))
  .sort((a, b) => a.build - b.build);
const data = historyJson as unknown as { header: { first: number; last: number; sourceCommit: string }; flags: FoldedFlags };

/** The facts without what only the data's second-hand points add. */
function plain(f: (FlagFacts & { secondHand?: boolean }) | null): FlagFacts | null {
  if (f === null) return null;
  const rest: FlagFacts & { secondHand?: boolean } = { ...f };
  delete rest.secondHand;
  return rest;
}

describe("the committed samples", () => {
  it("span every era of declarations, from the first build of the data to its last", () => {
    expect(samples.map((s) => s.era)).toEqual(expect.arrayContaining(["server.cpp chain", "common.cpp chain", "common.cpp objects", "arg.cpp"]));
    expect(samples[0]?.build).toBe(data.header.first);
    const newest = samples[samples.length - 1]!;
    expect(newest.build).toBe(data.header.last);
    expect(newest.commit).toBe(data.header.sourceCommit);
  });
});

describe("fold over the committed samples", () => {
  const folded = fold(samples.map((s) => ({ build: s.build, flags: s.flags })));

  for (const sample of samples) {
    it(`reproduces flag-history.json at b${sample.build} (${sample.era})`, () => {
      const keysFromSamples = Object.keys(folded).filter((k) => factsAt(folded[k]!, sample.build) !== null).sort();
      const keysInData = Object.keys(data.flags).filter((k) => factsAt(data.flags[k]!, sample.build) !== null).sort();
      expect(keysInData).toEqual(keysFromSamples);
      for (const key of keysFromSamples) {
        expect(plain(factsAt(data.flags[key]!, sample.build)), `${key} at b${sample.build}`).toEqual(factsAt(folded[key]!, sample.build));
      }
    });
  }

  it("gives the runtime lookup the same spellings, env vars, values, defaults and status", () => {
    for (const sample of samples) {
      const table = flagsAt(sample.build);
      for (const f of sample.flags) {
        const spec = table.find(keyOf(f));
        expect(spec, `${keyOf(f)} at b${sample.build}`).toMatchObject({
          names: [...f.names, ...f.negatedNames],
          negatedNames: f.negatedNames,
          env: f.env,
          envNegated: f.envNegated,
          valueCount: f.valueCount,
          default: f.default,
          status: f.status,
          server: f.server,
        });
      }
    }
  });

  it("is deterministic: twice, and whatever order a version declares its options in, the same bytes", () => {
    const versions = () => samples.map((s) => ({ build: s.build, flags: s.flags }));
    const text = (flags: FoldedFlags) => serialize({ header: { test: true }, secondHand: [], flags });
    const once = text(fold(versions()));
    expect(text(fold(versions()))).toBe(once);
    expect(text(fold(versions().map((v) => ({ ...v, flags: [...v.flags].reverse() }))))).toBe(once);
  });

  it("records a build where an option is no longer declared as null, and one where nothing changed not at all", () => {
    const a: FlagFacts = { ...samples[0]!.flags[0]! };
    const b: FlagFacts = { ...a, names: ["--other"] };
    const out = fold([
      { build: 1, flags: [a, b] },
      { build: 2, flags: [a, b] },
      { build: 3, flags: [a] },
      { build: 4, flags: [a, { ...b, default: "7" }] },
    ]);
    expect(out["--other"]?.map((p) => p[0])).toEqual([1, 3, 4]);
    expect(out["--other"]?.[1]?.[1]).toBeNull();
    expect(factsAt(out["--other"]!, 4)).toMatchObject({ names: ["--other"], default: "7" });
    expect(() => fold([{ build: 2, flags: [] }, { build: 1, flags: [] }])).toThrow(/builds must increase/);
  });
});
