import { flagHistory, flagsAt, SECOND_HAND_POINTS, type FlagSpec, type FlagTable, type ServerArgs, type ServerBuild, type ServerOption } from "@llmchart/policy";
import type { Severity } from "@llmchart/schema";
import type { UpgradeFindingKind } from "./types.js";

/** A change the target build brings to one flag or variable the file sets, before positions are attached. */
export interface FlagChange {
  kind: UpgradeFindingKind;
  severity: Severity;
  subject: string;
  message: string;
  /** `extraArgs` index of the flag token, or `extraEnv` index of the entry. */
  at: { list: "extraArgs" | "extraEnv"; index: number };
  rewrite?: FlagRewrite;
}

/** A safe rewrite, as data: the edits module turns it into text. */
export type FlagRewrite =
  /** The flag token becomes `tokens[0]`, and `tokens[1..]` are inserted after it. */
  | { kind: "replace-flag"; index: number; tokens: string[]; description: string }
  /** `values` are inserted after the flag token (`-fa` → `-fa on`). */
  | { kind: "add-value"; index: number; values: string[]; description: string }
  /** The variable is renamed, and its literal value replaced when `value` is given. */
  | { kind: "replace-env"; index: number; name: string; value?: string; description: string };

/** `b10875`, or `b10875 (second-hand: llama.cpp PR #28334)` for a change point the data took from a cited report rather than the source. */
function at(build: number | undefined, secondHand: boolean): string {
  if (build === undefined) return "an unknown build";
  if (!secondHand) return `b${build}`;
  const cited = SECOND_HAND_POINTS.find((p) => p.build === build)?.citation.split(/[:;(]/)[0]?.trim();
  return `b${build} (second-hand: ${cited ?? "a cited report"}, beyond the llama.cpp source the data was read from)`;
}

/** How messages name a build: the one the image names (`b10900`), not the facts' label. */
export function buildName(build: ServerBuild): string {
  return `b${build.requested ?? build.number}`;
}

/**
 * The first build in (`from`, `to`] where `test` holds for the spelling's spec, assuming it holds
 * from there on (a binary search over the data's tables): when `-fa` started taking a value.
 */
function firstBuildWhere(name: string, from: number, to: number, test: (spec: FlagSpec) => boolean): number {
  let lo = from;
  let hi = to;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const spec = flagsAt(mid).find(name);
    if (spec && test(spec)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A replacement, parsed: a flag that the target build accepts and, perhaps, its one value. */
interface Replacement {
  text: string;
  spec: FlagSpec;
  tokens: string[];
}

/**
 * What replaces `name`, when the target build accepts it: the replacement's first token must be
 * an active flag of `to` and its value (if it names one) an allowed value. Never a flag the
 * target rejects, so no message or rewrite suggests one.
 */
function replacementIn(text: string | null | undefined, to: FlagTable): Replacement | undefined {
  if (!text) return undefined;
  const tokens = text.trim().split(/\s+/);
  const spec = to.find(tokens[0]!);
  if (!spec || spec.status !== "active" || !spec.server) return undefined;
  // Prose after the flag ("(or mmap+mlock)") makes it advice, not a one-to-one rewrite.
  const exact = tokens.length <= 1 + spec.valueCount && tokens.slice(1).every((t) => /^[\w.+:-]+$/.test(t));
  if (exact && tokens.length === 2 && spec.allowedValues && !spec.allowedValues.includes(tokens[1]!)) return undefined;
  return { text, spec, tokens: exact ? tokens : [tokens[0]!] };
}

/** The rewrite of flag `use` into `r`, when it is one to one: same number of values, or a switch into `flag value`. */
function flagRewrite(use: ServerOption, r: Replacement, args: ServerArgs): FlagRewrite | undefined {
  if (use.index === undefined || use.inline) return undefined;
  const old = use.spec.valueCount;
  const keepsValues = r.tokens.length === 1 && r.spec.valueCount === old;
  const switchToValue = old === 0 && !use.negated && r.tokens.length === 2 && r.spec.valueCount === 1;
  if (!keepsValues && !switchToValue) return undefined;
  // The replacement already set as well: dropping the old flag is for a person to decide.
  if (args.options.some((o) => o.source === "args" && o !== use && r.spec.names.includes(o.name))) return undefined;
  return { kind: "replace-flag", index: use.index, tokens: r.tokens, description: `${use.name} → ${r.tokens.join(" ")}` };
}

function judgeMissing(use: ServerOption, to: ServerBuild, args: ServerArgs): FlagChange {
  const history = flagHistory(use.name);
  const where = { list: "extraArgs" as const, index: use.index! };
  if (history.added !== undefined && history.added > to.flags.build) {
    return { kind: "flag-unknown", severity: "error", subject: use.name, at: where, message: `${use.name} is not in ${buildName(to)} yet: it was added in b${history.added}; llama-server exits with "invalid argument"` };
  }
  const spec = to.flags.find(use.name);
  const removedAt = spec?.status === "removed" ? spec.statusSince : history.removed;
  const replacement = replacementIn(history.replacement ?? (use.negated ? null : spec?.replacement), to.flags);
  const rewrite = replacement && flagRewrite(use, replacement, args);
  const instead = replacement ? ` — use ${replacement.tokens.join(" ")}` : "";
  return {
    kind: "flag-removed",
    severity: "error",
    subject: use.name,
    at: where,
    message: `${use.name} is removed in ${at(removedAt, spec?.secondHand ?? history.secondHand)}: llama-server ${buildName(to)} exits with "invalid argument"${instead}`,
    ...(rewrite ? { rewrite } : {}),
  };
}

/** The value that switches a former switch on, once it takes a value (`-fa` → `-fa on`). */
function onValue(spec: FlagSpec): string | undefined {
  return ["on", "true", "enabled", "1"].find((v) => spec.allowedValues?.includes(v));
}

function judgeValue(use: ServerOption, toSpec: FlagSpec, from: ServerBuild, to: ServerBuild, args: ServerArgs): FlagChange | undefined {
  const where = { list: "extraArgs" as const, index: use.index! };
  if (use.spec.valueCount === 0 && toSpec.valueCount > 0 && !use.inline) {
    const since = firstBuildWhere(use.name, from.flags.build, to.flags.build, (s) => s.valueCount > 0);
    const next = args.tokens[use.index! + 1];
    const on = use.negated ? undefined : onValue(toSpec);
    const hint = toSpec.valueHint ? ` ${toSpec.valueHint}` : "";
    const effect = next === undefined ? "bare at the end of the list it has no value" : `bare it takes the next argument ${JSON.stringify(next)} as its value`;
    return {
      kind: "flag-value",
      severity: "error",
      subject: use.name,
      at: where,
      message: `${use.name} takes a value from b${since}${hint}: ${effect}, and llama-server exits`,
      ...(on ? { rewrite: { kind: "add-value", index: use.index!, values: [on], description: `${use.name} → ${use.name} ${on}` } } : {}),
    };
  }
  if (use.spec.valueCount > 0 && toSpec.valueCount === 0) {
    return { kind: "flag-value", severity: "error", subject: use.name, at: where, message: `${use.name} is a switch in ${buildName(to)}: its value ${JSON.stringify(use.value ?? "")} becomes an unexpected argument, and llama-server exits` };
  }
  const allowed = toSpec.allowedValues;
  if (use.value !== undefined && allowed && !allowed.includes(use.value) && (use.spec.allowedValues?.includes(use.value) ?? true)) {
    return { kind: "flag-value", severity: "error", subject: use.name, at: where, message: `${use.name} ${use.value}: ${buildName(to)} accepts only ${allowed.join(", ")}` };
  }
  return undefined;
}

function judgeFlag(use: ServerOption, from: ServerBuild, to: ServerBuild, args: ServerArgs): FlagChange | undefined {
  const toSpec = to.flags.find(use.name);
  if (!toSpec || toSpec.status === "removed" || !toSpec.server) return judgeMissing(use, to, args);
  if (toSpec.status === "deprecated" && use.spec.status !== "deprecated") {
    const r = replacementIn(flagHistory(use.name).replacement ?? toSpec.replacement, to.flags);
    return {
      kind: "flag-deprecated",
      severity: "warning",
      subject: use.name,
      at: { list: "extraArgs", index: use.index! },
      message: `${use.name} is deprecated since ${at(toSpec.statusSince, toSpec.secondHand)} (${buildName(to)} still accepts it)${r ? `: use ${r.tokens.join(" ")}` : ""}`,
    };
  }
  return judgeValue(use, toSpec, from, to, args);
}

/** A literal that switches a boolean variable on, as llama.cpp reads it. */
function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|on|enabled|yes)$/i.test(value.trim());
}

function envRewrite(use: ServerOption, text: string | null, to: FlagTable): FlagRewrite | undefined {
  const m = text ? /^(LLAMA_[A-Z0-9_]+)(?:=([\w.+-]+))?$/.exec(text.trim()) : null;
  if (!m || use.index === undefined || use.fromRef) return undefined;
  const target = to.findEnv(m[1]!);
  if (!target || target.negated || target.spec.status !== "active") return undefined;
  if (m[2] !== undefined) {
    // LLAMA_ARG_MLOCK=1 → LLAMA_ARG_LOAD_MODE=mlock: only from a literal "on" of a switch.
    if (use.spec.valueCount !== 0 || use.negated || !truthy(use.value)) return undefined;
    if (target.spec.allowedValues && !target.spec.allowedValues.includes(m[2])) return undefined;
    return { kind: "replace-env", index: use.index, name: m[1]!, value: m[2], description: `${use.name} → ${m[1]}=${m[2]}` };
  }
  if (target.spec.valueCount !== use.spec.valueCount) return undefined;
  return { kind: "replace-env", index: use.index, name: m[1]!, description: `${use.name} → ${m[1]}` };
}

function judgeEnv(use: ServerOption, to: ServerBuild): FlagChange | undefined {
  const found = to.flags.findEnv(use.name);
  const where = { list: "extraEnv" as const, index: use.index! };
  const history = flagHistory(use.name);
  if (!found || found.spec.status === "removed" || !found.spec.server) {
    if (history.added !== undefined && history.added > to.flags.build) {
      return { kind: "env-unknown", severity: "error", subject: use.name, at: where, message: `${use.name} is not read by ${buildName(to)} yet (added in b${history.added}): the setting silently stops applying` };
    }
    const rewrite = envRewrite(use, history.replacement, to.flags);
    const instead = rewrite?.kind === "replace-env" ? ` — use ${rewrite.name}${rewrite.value !== undefined ? `=${rewrite.value}` : ""}` : "";
    const removedAt = found?.spec.status === "removed" ? found.spec.statusSince : history.removed;
    return {
      kind: "env-removed",
      severity: "error",
      subject: use.name,
      at: where,
      message: `${use.name} is no longer read from ${at(removedAt, found?.spec.secondHand ?? history.secondHand)}: in ${buildName(to)} the setting silently stops applying${instead}`,
      ...(rewrite ? { rewrite } : {}),
    };
  }
  if (found.spec.status === "deprecated" && use.spec.status !== "deprecated") {
    const r = envRewrite(use, history.replacement, to.flags);
    return { kind: "env-deprecated", severity: "warning", subject: use.name, at: where, message: `${use.name} is deprecated since ${at(found.spec.statusSince, found.spec.secondHand)} (${buildName(to)} still reads it)${r?.kind === "replace-env" ? `: use ${r.name}${r.value !== undefined ? `=${r.value}` : ""}` : ""}` };
  }
  return undefined;
}

/** What the file's build rejects and the target accepts: worth knowing, never a problem. */
function nowAccepted(args: ServerArgs, from: ServerBuild, to: ServerBuild): FlagChange[] {
  const out: FlagChange[] = [];
  for (const issue of args.issues) {
    if (issue.kind !== "unknown-flag" && issue.kind !== "removed-flag" && issue.kind !== "unknown-env" && issue.kind !== "removed-env") continue;
    const env = issue.kind === "unknown-env" || issue.kind === "removed-env";
    const spec = env ? to.flags.findEnv(issue.name)?.spec : to.flags.find(issue.name);
    if (!spec || spec.status !== "active" || !spec.server) continue;
    out.push({
      kind: "now-accepted",
      severity: "info",
      subject: issue.name,
      at: { list: env ? "extraEnv" : "extraArgs", index: issue.index },
      message: `${issue.name} is accepted by ${buildName(to)} (${buildName(from)} rejects it)`,
    });
  }
  return out;
}

/**
 * What the target build does with each flag and variable the file sets, as the file's own build
 * reads them (`args` is parsed with `from`'s table): removed or not-yet-added flags (errors, with
 * a one-to-one rewrite when the target has a replacement), deprecated ones (warnings), values read
 * differently (`-fa` becoming value-taking), variables no longer read, and what becomes accepted.
 */
export function flagChanges(args: ServerArgs, from: ServerBuild, to: ServerBuild): FlagChange[] {
  const out: FlagChange[] = [];
  for (const use of args.options) {
    if (use.source !== "args" || use.index === undefined) continue;
    const change = judgeFlag(use, from, to, args);
    if (change) out.push(change);
  }
  for (const use of args.env) {
    if (use.index === undefined) continue;
    const change = judgeEnv(use, to);
    if (change) out.push(change);
  }
  out.push(...nowAccepted(args, from, to));
  return out;
}
