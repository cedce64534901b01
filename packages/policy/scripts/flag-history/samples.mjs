// The committed samples: the option list extract() read for one build (data, not llama.cpp code),
// so the fold can be replayed and compared with flag-history.json without a llama.cpp clone.

import { deltaOf } from "./fold.mjs";
import { FACT_DEFAULTS, makeFacts } from "./facts.mjs";

/**
 * @param {number} build the build the sample stands for
 * @param {string} commit that build's commit
 * @param {{ build: number, commit: string, era: string, flags: import("./facts.mjs").FlagFacts[] }} version the sources in effect at it
 */
export function writeSample(build, commit, version) {
  const head = {
    build,
    commit,
    sourceCommit: version.commit,
    sourceBuild: version.build,
    era: version.era,
    note: "options extract() read from llama.cpp at this build (fields left out have their defaults); written by gen-flag-history.mjs --samples",
  };
  const lines = version.flags.map((f) => `    ${JSON.stringify(deltaOf(FACT_DEFAULTS, f))}`);
  const headText = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headText},\n  "flags": [\n${lines.join(",\n")}\n  ]\n}\n`;
}

/** @returns {{ build: number, commit: string, sourceCommit: string, era: string, flags: import("./facts.mjs").FlagFacts[] }} */
export function readSample(text) {
  const json = JSON.parse(text);
  return { ...json, flags: json.flags.map((f) => makeFacts(f)) };
}
