// Hand-entered, cited change points for builds newer than the history read: merged into the
// folded data, each marked `secondHand: true`.

import { factsAt } from "./fold.mjs";
import { FACT_KEYS } from "./facts.mjs";

/**
 * @typedef {{ build: number, names: string[], set: Record<string, unknown>, citation: string }} SecondHandPoint
 */

/**
 * Checks the committed file's shape; each problem is one line naming the point.
 * @returns {SecondHandPoint[]}
 */
export function readSecondHand(json, file) {
  const points = json?.points;
  if (!Array.isArray(points)) throw new Error(`${file}: "points" must be a list`);
  return points.map((p, i) => {
    const where = `${file}: points[${i}]`;
    if (!Number.isInteger(p?.build)) throw new Error(`${where}: "build" must be an integer`);
    if (!Array.isArray(p.names) || p.names.length === 0 || !p.names.every((n) => typeof n === "string")) throw new Error(`${where}: "names" must list spellings`);
    if (typeof p.citation !== "string" || p.citation.trim() === "") throw new Error(`${where}: "citation" is required: second-hand facts say where they come from`);
    if (typeof p.set !== "object" || p.set === null || Object.keys(p.set).length === 0) throw new Error(`${where}: "set" must name the facts that change`);
    const unknown = Object.keys(p.set).filter((k) => !FACT_KEYS.includes(k));
    if (unknown.length) throw new Error(`${where}: "set" has unknown fields ${unknown.join(", ")}`);
    return { build: p.build, names: p.names, set: p.set, citation: p.citation };
  });
}

/**
 * Adds the points to the folded flags (in place) after the newest build of the data.
 * @param {import("./fold.mjs").FoldedFlags} flags
 * @param {SecondHandPoint[]} points
 * @returns {{ build: number, names: string[], citation: string }[]} what the data file lists as second-hand
 */
export function mergeSecondHand(flags, points, lastBuild, file) {
  const listed = [];
  for (const p of [...points].sort((a, b) => a.build - b.build)) {
    if (p.build <= lastBuild) throw new Error(`${file}: the point for b${p.build} is inside the data (…b${lastBuild}): the source says what happened there; drop it`);
    const keys = new Set();
    for (const name of p.names) {
      const key = Object.keys(flags).find((k) => {
        const f = factsAt(flags[k], lastBuild);
        return f !== null && f.server === true && (f.names.includes(name) || f.negatedNames.includes(name));
      });
      if (!key) throw new Error(`${file}: b${p.build}: ${name} is no server option at b${lastBuild}`);
      keys.add(key);
    }
    for (const key of keys) flags[key].push([p.build, { ...p.set, secondHand: true }]);
    listed.push({ build: p.build, names: p.names, citation: p.citation });
  }
  return listed;
}
