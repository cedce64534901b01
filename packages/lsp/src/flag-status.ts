import { adviceFor, DATA_RANGE, flagHistory, flagsAt, SECOND_HAND_POINTS, type FlagSpec, type ServerBuild } from "@llmchart/policy";

/** Flags that print something and make the server exit: never offered, whatever the build. */
const EXITS = new Set(["-h", "--help", "--usage", "--version", "--completion-bash", "--list-devices", "-cl", "--cache-list", "--license"]);

/** Whether a spec is one of the options that make llama-server print and exit. */
export function exitsServer(spec: FlagSpec): boolean {
  return spec.names.some((n) => EXITS.has(n));
}

/** `second-hand: llama.cpp PR #28334, …` for a change point hand-entered from a cited report. */
function secondHand(build: number): string {
  const cited = SECOND_HAND_POINTS.find((p) => p.build === build)?.citation.split(/[:;(]/)[0]?.trim();
  return `second-hand: ${cited ?? "a cited report"}, beyond the llama.cpp source the data was read from`;
}

/**
 * "a plain switch before b6325" when the spelling took another number of values where the data
 * starts (a bare `-fa` turned into `-fa on|off|auto`), found by a binary search over the builds.
 */
export function valueChange(name: string, spec: FlagSpec, build: ServerBuild): string | undefined {
  const first = flagsAt(DATA_RANGE.first).find(name);
  if (!first || first.valueCount === spec.valueCount) return undefined;
  let lo = DATA_RANGE.first;
  let hi = build.flags.build;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (flagsAt(mid).find(name)?.valueCount === spec.valueCount) hi = mid;
    else lo = mid;
  }
  return first.valueCount === 0 ? `a plain switch before b${hi}` : `took a value before b${hi}`;
}

/** The replacement when `build` takes everything it names (policy's adviceFor): a hover never advises what the file's build rejects. */
function usableReplacement(text: string | null | undefined, build: ServerBuild): string | undefined {
  return adviceFor(build.flags, text?.trim());
}

/** Where a spelling the build does not know at all stands in the history: "not in this file's build b4719: added in b6723". */
function unknownStatus(name: string, build: ServerBuild): string {
  const h = flagHistory(name);
  const here = `not in this file's build b${build.requested ?? build.number}`;
  // The facts' build: beyond the data, the requested build with its second-hand points.
  const at = build.flags.build;
  if (h.added !== undefined && h.added > at) return `${here}: added in b${h.added}`;
  if (h.removed !== undefined && h.removed <= at) {
    const use = usableReplacement(h.replacement, build);
    return `${here}: removed in b${h.removed}${h.secondHand ? ` (${secondHand(h.removed)})` : ""}${use ? `; use ${use}` : ""}`;
  }
  return `${here}, nor in any build the data covers (b${DATA_RANGE.first}–b${DATA_RANGE.last})`;
}

/**
 * A spelling's status in the file's build, for hovers and completion details: "accepted (added in
 * b6723)", "deprecated since b10105: use --load-mode mlock", "removed in b10875 (second-hand: …)",
 * "not in this file's build b4719: added in b6723".
 */
export function flagStatus(name: string, build: ServerBuild, spec: FlagSpec | undefined): string {
  if (!spec) return unknownStatus(name, build);
  const h = flagHistory(name);
  const use = usableReplacement(h.replacement ?? spec.replacement, build);
  const cited = spec.secondHand ? ` (${secondHand(spec.statusSince)})` : "";
  if (!spec.server) return `**rejected**: an option of another llama.cpp tool, not of llama-server (the server exits with "invalid argument")`;
  if (spec.status === "removed") return `**removed** in b${spec.statusSince}${cited}: llama-server exits with "invalid argument"${use ? `; use ${use}` : ""}`;
  if (spec.status === "deprecated") return `deprecated since b${spec.statusSince}${cited}${use ? `: use ${use}` : ""} (still accepted)`;
  const added = h.added ?? spec.since;
  return added > DATA_RANGE.first ? `accepted (added in b${added})` : `accepted (in every build since b${DATA_RANGE.first}, where the data starts)`;
}
