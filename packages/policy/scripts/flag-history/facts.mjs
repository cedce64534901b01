// The facts of one option as data, and the readings of help text every era shares.

import { HOLE } from "./values.mjs";

/**
 * One option of one build, as extract() returns it and the committed samples store it. Field
 * meanings are those of FlagSpec in src/llama/types.ts (without the derived since/statusSince/
 * secondHand). `tools`: the llama.cpp examples the option is registered for, lower-case
 * (`server`, `cli`, `main`, …); empty when it is common to every tool.
 * @typedef {{
 *   names: string[], negatedNames: string[], valueCount: 0 | 1 | 2, valueHint: string | null,
 *   allowedValues: string[] | null, env: string | null, envNegated: string | null,
 *   default: string | null, help: string, status: "active" | "deprecated" | "removed",
 *   replacement: string | null, server: boolean, tools: string[], integer: boolean, repeatable: boolean,
 * }} FlagFacts
 */

/** Field order and the value a field has when a sample or change point leaves it out. */
export const FACT_DEFAULTS = Object.freeze({
  names: [],
  negatedNames: [],
  valueCount: 0,
  valueHint: null,
  allowedValues: null,
  env: null,
  envNegated: null,
  default: null,
  help: "",
  status: "active",
  replacement: null,
  server: true,
  tools: [],
  integer: false,
  repeatable: false,
});
export const FACT_KEYS = Object.freeze(Object.keys(FACT_DEFAULTS));

/** Builds a complete FlagFacts in field order (missing fields take their defaults). */
export function makeFacts(partial) {
  const out = {};
  for (const k of FACT_KEYS) out[k] = partial[k] === undefined ? FACT_DEFAULTS[k] : partial[k];
  return /** @type {FlagFacts} */ (out);
}

/** The stated default in (formatted) help text: `(default: 4096, 0 = …)` → `4096`; null if none or unresolved. */
export function defaultOf(help) {
  const m = /\bdefault:\s*/i.exec(help);
  if (!m) return null;
  const rest = help.slice(m.index + m[0].length);
  let text;
  if (/^['"]/.test(rest)) {
    const q = rest[0];
    const end = rest.indexOf(q, 1);
    text = end > 0 ? rest.slice(1, end) : rest.slice(1);
  } else {
    text = rest.split(/[,;\n]|\)(?![^(]*\))/)[0] ?? "";
    // drop a trailing `)` that closes "(default: …)" and a sentence's full stop
    text = text.replace(/\)\s*$/, "").replace(/\.\s*$/, "");
  }
  text = text.trim();
  if (text.includes(HOLE)) return null;
  return text === "" ? null : text;
}

/** The first line of the help, unresolved values shown as `…`. */
export function firstLine(help) {
  return (help.split("\n").find((l) => l.trim() !== "") ?? "").replaceAll(HOLE, "…").trim();
}

/** Enumerated values from a value hint: `[on|off|auto]`, `{none,linear,yarn}`, `<0|1>`. */
export function allowedFromHint(hint) {
  if (!hint) return null;
  const m = /^\[([\w.+-]+(?:\|[\w.+-]+)+)\]$/.exec(hint) ?? /^\{([\w.+-]+(?:,[\w.+-]+)+)\}$/.exec(hint) ?? /^<([\w.+-]+(?:\|[\w.+-]+)+)>$/.exec(hint);
  return m ? m[1].split(/[|,]/) : null;
}

/** "allowed values: f32, f16, q8_0" in help text (the KV cache types). */
export function allowedFromHelp(help) {
  const m = /allowed values:\s*([^\n(]+)/i.exec(help);
  if (!m || m[1].includes(HOLE)) return null;
  const values = m[1].split(/,\s*/).map((s) => s.trim()).filter(Boolean);
  return values.length > 1 && values.every((v) => /^[\w.+-]+$/.test(v)) ? values : null;
}

/** Whether the help says an option may be given several times. */
export function helpSaysRepeatable(help) {
  return /multiple times|more than once|can be repeated|repeat to specify/i.test(help);
}

/** Whether the help marks the option deprecated (`DEPRECATED …`, `(DEPRECATED)`). */
export function helpSaysDeprecated(help) {
  return /\bDEPRECATED\b/.test(help);
}

const USE_INSTEAD = /\buse\s+`?(-[^`\s]+(?:\s+(?!instead\b)[\w+|.=-]+)?)`?\s+instead/i;

/**
 * What to use instead, from what the source says, most specific first: a handler's warning ("use
 * --load-mode mlock instead"), an arg_removed("use --spec-draft-n-max") message, then the help
 * ("in favor of `--load-mode`", "has been removed. use …").
 * @param {{ warnings?: string[], removed?: string | null, help?: string }} said
 */
export function replacementFrom({ warnings = [], removed = null, help = "" }) {
  for (const w of warnings) {
    const m = USE_INSTEAD.exec(w);
    if (m) return m[1].trim();
  }
  if (removed) {
    const r = removed.replace(/^\s*use\s+/i, "").trim();
    if (r) return r;
  }
  const m = /in favou?r of\s+`([^`]+)`/i.exec(help) ?? USE_INSTEAD.exec(help) ?? /has been removed\.?\s*use\s+([^\n]+?)\s*$/im.exec(help);
  return m ? m[1].trim() : null;
}

/** `--ctx_size` → `--ctx-size`, as llama.cpp normalises arguments before lookup. */
export function normalizeName(name) {
  return name.startsWith("--") ? name.replace(/_/g, "-") : name;
}
