// Options declared as a chain of comparisons (≤ b3682): `if (arg == "-t" || arg == "--threads")
// { if (++i >= argc) …; params.n_threads = std::stoi(argv[i]); }`, help printed by a separate
// usage function (printf lines, or `options.push_back({ tag, "-t, --threads N", "help %d", … })`),
// environment variables read by `get_env("LLAMA_ARG_X", params.field)` (b3613 →).

import { lex, matchBrackets, splitTop, literalText, functionBody, findTop } from "./cpp.mjs";
import { Scope, evaluate, formatC, readStructs } from "./values.mjs";
import {
  makeFacts, defaultOf, firstLine, allowedFromHint, allowedFromHelp, helpSaysRepeatable,
  helpSaysDeprecated, replacementFrom,
} from "./facts.mjs";

/**
 * @typedef {{ names: string[], valueCount: 0 | 1 | 2, integer: boolean, accumulates: boolean, assigns: string[], warnings: string[] }} ChainOption
 * @typedef {{ names: string[], hint: string | null, help: string }} HelpEntry
 */

/**
 * The options of one `if (arg == …)` chain, with help and env vars.
 * @param {{ parser: string, parserFn: string, usage: string, usageFn: string, envSource?: string, headers: string[], server: boolean }} spec
 * @returns {import("./facts.mjs").FlagFacts[] | undefined} undefined when the parser function is not there
 */
export function extractChain(spec) {
  const options = readChain(spec.parser, spec.parserFn);
  if (!options) return undefined;
  const structs = readStructs(...spec.headers);
  const help = readUsage(spec.usage, spec.usageFn, structs);
  const env = spec.envSource ? readEnv(spec.envSource, options) : new Map();
  return options.map((o) => toFacts(o, help, env, spec.server));
}

function toFacts(o, help, env, server) {
  const h = help.find((e) => e.names.some((n) => o.names.includes(n)));
  const text = h?.help ?? "";
  const status = helpSaysDeprecated(text) ? "deprecated" : "active";
  const hint = o.valueCount > 0 ? h?.hint ?? null : null;
  return makeFacts({
    names: o.names,
    valueCount: o.valueCount,
    valueHint: hint,
    allowedValues: allowedFromHint(hint) ?? allowedFromHelp(text),
    env: env.get(o) ?? null,
    default: defaultOf(text),
    help: firstLine(text),
    status,
    replacement: status === "active" ? null : replacementFrom({ warnings: o.warnings, help: text }),
    server,
    integer: o.integer,
    repeatable: o.accumulates || helpSaysRepeatable(text),
  });
}

/** @returns {ChainOption[] | undefined} */
export function readChain(src, fn) {
  const tokens = lex(src);
  const match = matchBrackets(tokens);
  const body = functionBody(tokens, match, fn);
  if (!body) return undefined;
  const out = [];
  const seen = new Set();
  for (let i = body[0]; i < body[1]; i++) {
    if (tokens[i].v !== "if" || tokens[i + 1]?.v !== "(") continue;
    const close = match[i + 1];
    const names = comparedArgs(tokens, i + 2, close);
    if (names.length === 0 || tokens[close + 1]?.v !== "{") continue;
    const blockEnd = match[close + 1];
    const block = tokens.slice(close + 2, blockEnd);
    const fresh = names.filter((n) => !seen.has(n));
    fresh.forEach((n) => seen.add(n));
    if (fresh.length) out.push(chainOption(fresh, block));
    i = blockEnd;
  }
  return out;
}

/** `arg == "-t" || arg == "--threads"` → ["-t", "--threads"]. */
function comparedArgs(tokens, from, to) {
  const names = [];
  for (let i = from; i + 2 < to + 1; i++) {
    if (tokens[i].v === "arg" && tokens[i + 1]?.v === "==" && tokens[i + 2]?.t === "str") names.push(tokens[i + 2].v);
  }
  return names;
}

/** @returns {ChainOption} */
function chainOption(names, block) {
  let values = 0;
  let integer = false;
  const assigns = [];
  for (let k = 0; k < block.length; k++) {
    const t = block[k];
    if ((t.v === "++" && block[k + 1]?.v === "i") || t.v === "CHECK_ARG") values++;
    if (t.v === "std" && block[k + 1]?.v === "::" && /^sto(i|l|ll|ul|ull)$/.test(block[k + 2]?.v ?? "") && block[k + 4]?.v === "argv") integer = true;
    if (t.v === "=" && t.t === "punct") {
      // `params.a.b = …`: the field this option sets (env vars map to options through it)
      let s = k - 1;
      while (s >= 1 && block[s].t === "id" && block[s - 1].v === ".") s -= 2;
      const path = block.slice(s, k).map((x) => x.v).join("");
      const isLiteralFalse = block[k + 1]?.v === "false";
      if (/^\w+(\.\w+)+$/.test(path)) assigns.push(isLiteralFalse ? `!${path}` : path);
    }
  }
  return {
    names,
    valueCount: /** @type {0 | 1 | 2} */ (Math.min(values, 2)),
    integer,
    accumulates: block.some((t) => t.v === "push_back" || t.v === "emplace_back"),
    assigns,
    warnings: block.filter((t) => t.t === "str" && /deprecated/i.test(t.v)).map((t) => t.v),
  };
}

/**
 * The usage function's entries: `printf("  -t N, --threads N   help (default: %d)\n", …)` lines
 * (continuation lines indented deeper), or `options.push_back({ "tag", "-t, --threads N", "help", … })`.
 * @returns {HelpEntry[]}
 */
export function readUsage(src, fn, structs) {
  const tokens = lex(src);
  const match = matchBrackets(tokens);
  const body = functionBody(tokens, match, fn);
  if (!body) return [];
  const scope = new Scope(structs, usageVars(tokens, match, fn, structs), "SERVER");
  const entries = [];
  let printed = "";
  for (let i = body[0]; i < body[1]; i++) {
    const tk = tokens[i];
    if (tk.t === "id" && (tk.v === "const" || tk.v === "auto") ) readAlias(tokens, match, i, body[1], scope);
    if (tk.v === "printf" && tokens[i + 1]?.v === "(") {
      printed += printfText(tokens, match, i + 2, match[i + 1], scope);
      i = match[i + 1];
    } else if (tk.v === "push_back" && tokens[i + 1]?.v === "(" && tokens[i + 2]?.v === "{") {
      const entry = pushedEntry(tokens, match, i + 3, match[i + 2], scope);
      if (entry) entries.push(entry);
      i = match[i + 1];
    }
  }
  return [...entries, ...printedEntries(printed)];
}

function usageVars(tokens, match, fn, structs) {
  const vars = {};
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].v !== fn || tokens[i + 1].v !== "(") continue;
    for (const [a, b] of splitTop(tokens, match, i + 2, match[i + 1])) {
      const words = tokens.slice(a, b).filter((t) => t.t === "id" && t.v !== "const" && t.v !== "struct");
      const type = words[0]?.v;
      const name = words[words.length - 1]?.v;
      if (type && name && structs.has(type)) vars[name] = type;
    }
  }
  return vars;
}

/** `const llama_sampling_params & sparams = params.sparams;` → sparams aliases params.sparams. */
function readAlias(tokens, match, i, to, scope) {
  const end = findTop(tokens, match, i, to, ";");
  if (end < 0) return;
  const stmt = tokens.slice(i, end);
  const amp = stmt.findIndex((t) => t.v === "&");
  const eq = stmt.findIndex((t) => t.v === "=");
  if (amp < 0 || eq !== amp + 2) return;
  const path = stmt.slice(eq + 1).map((t) => t.v).join("");
  if (/^\w+(\.\w+)+$/.test(path)) scope.aliases.set(stmt[amp + 1].v, path);
}

function printfText(tokens, match, from, to, scope) {
  const parts = splitTop(tokens, match, from, to);
  const fmt = literalText(tokens, parts[0][0], parts[0][1]);
  if (fmt === undefined) return "";
  return formatC(fmt, parts.slice(1).map(([a, b]) => evaluate(tokens, match, a, b, scope)));
}

function pushedEntry(tokens, match, from, to, scope) {
  const parts = splitTop(tokens, match, from, to);
  if (parts.length < 3) return undefined;
  const namesText = literalText(tokens, parts[1][0], parts[1][1]);
  const fmt = literalText(tokens, parts[2][0], parts[2][1]);
  if (namesText === undefined || fmt === undefined) return undefined;
  const help = formatC(fmt, parts.slice(3).map(([a, b]) => evaluate(tokens, match, a, b, scope)));
  return { ...namesAndHint(namesText), help };
}

/** "-t N, --threads N" → names [-t, --threads], hint N. */
export function namesAndHint(text) {
  const names = [];
  let hint = null;
  for (const raw of text.trim().split(/\s+/)) {
    const tok = raw.replace(/,$/, "");
    if (/^--?[A-Za-z0-9]/.test(tok)) names.push(tok);
    else if (tok && hint === null && names.length) hint = tok;
  }
  return { names, hint };
}

/** Printed usage text → entries: an option line starts with two spaces and a dash; deeper-indented lines continue it. */
function printedEntries(text) {
  const entries = [];
  let cur;
  for (const line of text.split("\n")) {
    const m = /^ {1,4}(-\S.*)$/.exec(line);
    if (m) {
      const [head, ...rest] = m[1].replace(/,\s+/g, ", ").split(/ {2,}/);
      cur = { ...namesAndHint(head), help: rest.join(" ").trim() };
      entries.push(cur);
    } else if (cur && /^ {6,}\S/.test(line)) {
      cur.help += (cur.help ? "\n" : "") + line.trim();
    } else {
      cur = undefined;
    }
  }
  return entries;
}

/** `get_env("LLAMA_ARG_CTX_SIZE", params.n_ctx)` → the option whose block sets params.n_ctx. */
function readEnv(src, options) {
  const tokens = lex(src);
  const out = new Map();
  for (let i = 0; i + 4 < tokens.length; i++) {
    if (tokens[i].v !== "get_env" || tokens[i + 1].v !== "(" || tokens[i + 2].t !== "str" || tokens[i + 3].v !== ",") continue;
    let k = i + 4;
    const path = [];
    while (tokens[k]?.t === "id" || tokens[k]?.v === ".") path.push(tokens[k++].v);
    const field = path.join("");
    const owner = options.find((o) => o.assigns.includes(field)) ?? options.find((o) => o.assigns.includes(`!${field}`));
    if (owner && !out.has(owner)) out.set(owner, tokens[i + 2].v);
  }
  return out;
}
