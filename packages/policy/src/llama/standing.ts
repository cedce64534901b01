import { flagHistory, normalizeFlagName } from "./builds.js";
import type { FlagSpec, FlagTable } from "./types.js";

/**
 * How one build takes a flag spelling or an environment variable, from its flag table and the
 * history of the whole data: what the parser and the flag rules need to tell "a typo" from "not
 * yet" and "no longer".
 */
export type Standing =
  /** accepted and documented */
  | { kind: "active"; spec: FlagSpec }
  /** still accepted; `replacement` is what the data says to use (checked against the build by the caller) */
  | { kind: "deprecated"; spec: FlagSpec; replacement: string | null }
  /** the build rejects it (registered but removed, or no longer registered); `since` is the first build that rejects it */
  | { kind: "removed"; spec: FlagSpec | undefined; since: number | undefined; replacement: string | null }
  /** an option of another llama.cpp tool that the server does not take */
  | { kind: "other-tool"; spec: FlagSpec }
  /** the data knows it only from a later build */
  | { kind: "later"; added: number }
  /** no build in the data knows it */
  | { kind: "unknown" };

function fromSpec(spec: FlagSpec): Standing {
  if (spec.status === "removed") return { kind: "removed", spec, since: spec.statusSince, replacement: spec.replacement };
  if (!spec.server) return { kind: "other-tool", spec };
  if (spec.status === "deprecated") return { kind: "deprecated", spec, replacement: spec.replacement };
  return { kind: "active", spec };
}

function fromHistory(table: FlagTable, name: string): Standing {
  const h = flagHistory(name);
  if (h.added !== undefined && h.added > table.build) return { kind: "later", added: h.added };
  if (h.removed !== undefined && h.removed <= table.build) return { kind: "removed", spec: undefined, since: h.removed, replacement: h.replacement };
  return { kind: "unknown" };
}

/** How the table's build takes a flag spelling (`--ctx_size` is read as `--ctx-size`). */
export function flagStanding(table: FlagTable, name: string): Standing {
  const spec = table.find(name);
  return spec ? fromSpec(spec) : fromHistory(table, normalizeFlagName(name));
}

/** How the table's build takes an environment variable, and whether it is the `LLAMA_ARG_NO_*` form. */
export function envStanding(table: FlagTable, name: string): Standing & { negated?: boolean } {
  const found = table.findEnv(name);
  return found ? { ...fromSpec(found.spec), negated: found.negated } : fromHistory(table, name);
}

/** Whether the build takes the spelling or variable and the server keeps running (active or deprecated). */
export function accepts(table: FlagTable, nameOrEnv: string): boolean {
  const spec = /^-/.test(nameOrEnv) ? table.find(nameOrEnv) : table.findEnv(nameOrEnv)?.spec;
  return spec !== undefined && spec.server && spec.status !== "removed";
}

const FLAG_TOKEN = /(?<![\w-])(--?[a-zA-Z](?:[\w+.-]*[\w+])?)(?:[ =]+"?([a-z0-9_+.-]+))?/g;
const ENV_TOKEN = /\b(LLAMA_[A-Z0-9_]+|HF_TOKEN)(?:=([a-z0-9_+.-]+))?/g;

/**
 * Whether a piece of advice (`--load-mode mlock (or mmap+mlock)`, `LLAMA_ARG_LOAD_MODE=none`,
 * `"-ctk", "q8_0"`) names only flags and variables the build accepts, with values among their
 * enumerated choices. Every message and fix that suggests a flag passes through this, so a
 * suggestion the build would reject is never made.
 */
export function suggestible(table: FlagTable, advice: string): boolean {
  for (const re of [FLAG_TOKEN, ENV_TOKEN]) {
    for (const m of advice.matchAll(re)) {
      const name = m[1]!;
      if (!accepts(table, name)) return false;
      const spec = name.startsWith("-") ? table.find(name) : table.findEnv(name)?.spec;
      const value = m[2]?.toLowerCase();
      if (spec?.allowedValues && spec.takesValue && value !== undefined && !spec.allowedValues.includes(value)) return false;
    }
  }
  return true;
}

/** `advice` when the build takes everything it names, else undefined. */
export function adviceFor(table: FlagTable, advice: string | null | undefined): string | undefined {
  return advice && suggestible(table, advice) ? advice : undefined;
}

/**
 * The environment form of a flag replacement (`--load-mode mlock` → `LLAMA_ARG_LOAD_MODE=mlock`),
 * when the replacing flag has a variable in this build; undefined otherwise.
 */
export function envReplacement(table: FlagTable, replacement: string | null | undefined): string | undefined {
  const m = replacement ? /^(--?[a-zA-Z][\w+-]*)(?:[ =]+([^\s,;()]+))?/.exec(replacement) : null;
  if (!m) return undefined;
  const spec = table.find(m[1]!);
  if (!spec?.env || spec.status === "removed" || !spec.server) return undefined;
  const negated = spec.negatedNames.includes(m[1]!);
  if (!spec.takesValue) return negated ? (spec.envNegated ? `${spec.envNegated}=1` : `${spec.env}=0`) : `${spec.env}=1`;
  return m[2] ? adviceFor(table, `${spec.env}=${m[2]}`) : undefined;
}
