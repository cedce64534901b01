// fold: per-build option lists → change points. For each option (keyed by its first long
// spelling) the builds where any of its facts changed, each point holding only what changed;
// `null` marks a build from which the option is no longer declared. Looking up build N applies
// every point at or below N.

import { FACT_DEFAULTS, FACT_KEYS } from "./facts.mjs";
import { keyOf } from "./extract.mjs";

/**
 * @typedef {[number, Record<string, unknown> | null]} ChangePoint
 * @typedef {Record<string, ChangePoint[]>} FoldedFlags
 */

/**
 * @param {{ build: number, flags: import("./facts.mjs").FlagFacts[] }[]} versions in build order
 * @returns {FoldedFlags} keys sorted
 */
export function fold(versions) {
  /** @type {Map<string, ChangePoint[]>} */
  const points = new Map();
  /** @type {Map<string, Record<string, unknown> | null>} */
  const current = new Map();
  let lastBuild = -Infinity;
  for (const { build, flags } of versions) {
    if (build <= lastBuild) throw new Error(`fold: builds must increase (b${build} after b${lastBuild})`);
    lastBuild = build;
    const seen = new Set();
    for (const f of flags) {
      const key = keyOf(f);
      if (seen.has(key)) throw new Error(`fold: b${build} declares ${key} twice`);
      seen.add(key);
      const prev = current.get(key) ?? null;
      const delta = deltaOf(prev ?? FACT_DEFAULTS, f);
      if (prev !== null && Object.keys(delta).length === 0) continue;
      if (!points.has(key)) points.set(key, []);
      points.get(key).push([build, delta]);
      current.set(key, f);
    }
    for (const [key, prev] of current) {
      if (prev === null || seen.has(key)) continue;
      points.get(key).push([build, null]);
      current.set(key, null);
    }
  }
  const out = {};
  for (const key of [...points.keys()].sort(byCodeUnit)) out[key] = points.get(key);
  return out;
}

/** Plain code-unit order: the same on every machine and locale. */
export function byCodeUnit(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The fields of `next` that differ from `prev`, in field order. */
export function deltaOf(prev, next) {
  const delta = {};
  for (const k of FACT_KEYS) {
    if (!sameValue(prev[k], next[k])) delta[k] = next[k];
  }
  return delta;
}

function sameValue(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/**
 * The facts of one option at a build: every point at or below it applied in order, or null when
 * the option is not declared there.
 * @param {ChangePoint[]} points
 */
export function factsAt(points, build) {
  let state = null;
  for (const [b, delta] of points) {
    if (b > build) break;
    state = delta === null ? null : { ...(state ?? FACT_DEFAULTS), ...delta };
  }
  return state;
}

/**
 * The whole data file as text: the header and second-hand list pretty-printed, one line per
 * option. Deterministic for equal input.
 */
export function serialize({ header, secondHand, flags }) {
  const lines = ["{"];
  lines.push(`  "header": ${JSON.stringify(header, null, 2).replace(/\n/g, "\n  ")},`);
  lines.push(`  "secondHand": [${secondHand.length ? "\n" + secondHand.map((s) => `    ${JSON.stringify(s)}`).join(",\n") + "\n  " : ""}],`);
  const keys = Object.keys(flags);
  lines.push(`  "flags": {`);
  keys.forEach((k, i) => lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(flags[k])}${i < keys.length - 1 ? "," : ""}`));
  lines.push("  }");
  lines.push("}");
  return lines.join("\n") + "\n";
}
