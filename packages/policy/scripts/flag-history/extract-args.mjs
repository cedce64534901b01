// Options declared as objects (b3683 →): `add_opt(common_arg({spellings}, [{negated}], "HINT",
// help, handler).set_env(…).set_examples({…}).set_excludes({…}))` inside
// common_params_parser_init (gpt_params_parser_init before the rename, llama_arg before common_arg).

import { lex, matchBrackets, splitTop, literalText, functionBody, findTop } from "./cpp.mjs";
import { Scope, evaluate, formatC, coerce, HOLE, UNKNOWN, readStructs } from "./values.mjs";
import {
  makeFacts, defaultOf, firstLine, allowedFromHint, allowedFromHelp, helpSaysRepeatable,
  helpSaysDeprecated, replacementFrom,
} from "./facts.mjs";

const PARSER_INIT = ["common_params_parser_init", "gpt_params_parser_init"];
const ARG_CLASSES = new Set(["common_arg", "llama_arg"]);
/** Stands for an example the source never names. */
const OTHER = "__OTHER__";

/**
 * @param {string} src the file holding the parser init (arg.cpp, or common.cpp for b3683–b3715)
 * @param {string[]} headers sources of the parameter structs (common.h, sampling.h)
 * @returns {import("./facts.mjs").FlagFacts[] | undefined} undefined when src declares no options this way
 */
export function extractArgs(src, headers) {
  const tokens = lex(src);
  const match = matchBrackets(tokens);
  let body;
  let fname;
  for (const name of PARSER_INIT) {
    body = functionBody(tokens, match, name);
    if (body) { fname = name; break; }
  }
  if (!body) return undefined;
  const structs = readStructs(...headers);
  const scope = new Scope(structs, signatureVars(tokens, match, fname, structs), "SERVER");
  addKnownFunctions(scope, tokens, match);
  const examples = new Set(["SERVER", OTHER]);
  for (const t of tokens) if (t.t === "id" && t.v.startsWith("LLAMA_EXAMPLE_")) examples.add(t.v.slice(14));
  examples.delete("COMMON");
  const reader = new OptionReader(tokens, match, scope, hasNegatedEnv(tokens), examples);
  reader.walk(body[0], body[1], new Set(examples));
  return reader.flags;
}

/** The parameter struct variables of the parser init's signature (`common_params & params`). */
function signatureVars(tokens, match, name, structs) {
  const vars = {};
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].v !== name || tokens[i + 1].v !== "(") continue;
    for (const [a, b] of splitTop(tokens, match, i + 2, match[i + 1])) {
      const words = tokens.slice(a, b).filter((t) => t.t === "id" && t.v !== "const" && t.v !== "struct");
      const type = words[0]?.v;
      const varName = words[words.length - 1]?.v;
      if (type && varName && structs.has(type)) vars[varName] = type;
    }
    if (Object.keys(vars).length) return vars;
  }
  return { params: "common_params" };
}

/** Functions whose printed result can be read from the same source (the KV cache type list). */
function addKnownFunctions(scope, tokens, match) {
  const typeName = (v) => (v.k === "enum" && /^GGML_TYPE_/.test(v.v) ? { k: "str", v: v.v.slice("GGML_TYPE_".length).toLowerCase() } : UNKNOWN);
  scope.functions.set("ggml_type_name", ([a]) => (a ? typeName(a) : UNKNOWN));
  for (let i = 0; i < tokens.length - 2; i++) {
    if (tokens[i].v !== "kv_cache_types" || tokens[i + 1].v !== "=" || tokens[i + 2].v !== "{") continue;
    const names = splitTop(tokens, match, i + 3, match[i + 2]).map(([a]) => tokens[a]?.v ?? "");
    if (!names.every((n) => /^GGML_TYPE_/.test(n))) continue;
    const list = names.map((n) => n.slice("GGML_TYPE_".length).toLowerCase()).join(", ");
    scope.functions.set("get_all_kv_cache_types", () => ({ k: "str", v: list }));
    break;
  }
}

/** b7376 →: a boolean option's `LLAMA_ARG_X` is also read as `LLAMA_ARG_NO_X`. */
function hasNegatedEnv(tokens) {
  return tokens.some((t) => t.t === "str" && t.v === "LLAMA_ARG_NO_");
}

/** @typedef {Set<string>} Guard the examples (`SERVER`, `MAIN`, …) that reach a statement */

class OptionReader {
  constructor(tokens, match, scope, negatedEnv, examples) {
    Object.assign(this, { tokens, match, scope, negatedEnv, examples });
    /** @type {import("./facts.mjs").FlagFacts[]} */
    this.flags = [];
  }

  /** Reads the statements of tokens[from, to) under a guard. */
  walk(from, to, guard) {
    const { tokens, match } = this;
    let stmtStart = true;
    for (let i = from; i < to; i++) {
      const tk = tokens[i];
      if (tk.t === "id" && tk.v === "if" && tokens[i + 1]?.v === "(") { i = this.ifChain(i, to, guard) - 1; stmtStart = true; continue; }
      if (tk.t === "id" && tk.v === "add_opt" && tokens[i + 1]?.v === "(" && match[i + 1] > 0) {
        this.option(i + 2, match[i + 1], guard);
        i = match[i + 1];
        stmtStart = false;
        continue;
      }
      if (stmtStart && tk.t === "id" && this.scope.vars.has(tk.v)) {
        const end = findTop(tokens, match, i, to, ";");
        if (end > 0) { this.assignment(i, end, guard); i = end; stmtStart = true; continue; }
      }
      if (tk.v === "{" && match[i] > i) { this.walk(i + 1, match[i], guard); i = match[i]; stmtStart = true; continue; }
      if (tk.v === "(" && match[i] > i) { i = match[i]; continue; }
      stmtStart = tk.v === ";" || tk.v === "}";
    }
  }

  /** `if (…) {…} else if (…) {…} else {…}`: each arm read for the examples that reach it. */
  ifChain(i, to, guard) {
    const { tokens, match } = this;
    const taken = new Set();
    for (;;) {
      let cond = null;
      if (tokens[i].v === "if") {
        const close = match[i + 1];
        cond = this.condition(i + 2, close);
        i = close + 1;
      }
      const arm = new Set([...guard].filter((e) => !taken.has(e) && (cond === null || cond.get(e) !== false)));
      const end = tokens[i]?.v === "{" ? match[i] : findTop(tokens, match, i, to, ";");
      if (tokens[i]?.v === "{") this.walk(i + 1, end, arm);
      else this.walk(i, end + 1, arm);
      i = end + 1;
      for (const e of guard) if (cond === null || cond.get(e) === true) taken.add(e);
      if (cond === null || tokens[i]?.v !== "else") return i;
      i++;
      if (tokens[i]?.v !== "if" && tokens[i]?.v !== "{") return i;
    }
  }

  /** A condition's value for each example: true, false, or undefined when it depends on something else. */
  condition(from, to) {
    const { tokens, match, scope } = this;
    const out = new Map();
    const mentionsEx = tokens.slice(from, to).some((t) => t.v === "ex");
    const saved = scope.example;
    for (const e of this.examples) {
      scope.example = e;
      const v = mentionsEx ? evaluate(tokens, match, from, to, scope) : UNKNOWN;
      out.set(e, v.k === "bool" ? v.v : undefined);
    }
    scope.example = saved;
    return out;
  }

  /** `params.a.b = value;` before or between options: a per-example default the help prints. */
  assignment(from, end, guard) {
    const { tokens, match } = this;
    const eq = findTop(tokens, match, from, end, "=");
    if (eq < 0 || !guard.has("SERVER")) return;
    const path = tokens.slice(from, eq).map((t) => t.v).join("");
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(path)) return;
    const value = evaluate(tokens, match, eq + 1, end, this.scope);
    this.scope.overrides.set(path, coerce(value, this.scope.kindOf(path)));
  }

  option(from, to, guard) {
    const { tokens, match } = this;
    let k = from;
    while (k < to && !(tokens[k].t === "id" && ARG_CLASSES.has(tokens[k].v) && tokens[k + 1]?.v === "(")) k++;
    if (k >= to) return;
    const argsClose = match[k + 1];
    const parts = splitTop(tokens, match, k + 2, argsClose);
    const chain = this.chain(argsClose + 1, to);
    const facts = this.facts(parts, chain, guard);
    if (facts) this.flags.push(facts);
  }

  /** `.set_env("X").set_examples({…}).set_excludes({…})` after the constructor. */
  chain(from, to) {
    const { tokens, match } = this;
    const out = { env: null, examples: [], excludes: [] };
    for (let i = from; i < to; i++) {
      if (tokens[i].v !== "." || tokens[i + 1]?.t !== "id" || tokens[i + 2]?.v !== "(") continue;
      const name = tokens[i + 1].v;
      const close = match[i + 2];
      const inner = tokens.slice(i + 3, close);
      if (name === "set_env") out.env = literalText(tokens, i + 3, close) ?? null;
      if (name === "set_examples") out.examples = inner.filter((t) => /^LLAMA_EXAMPLE_/.test(t.v)).map((t) => t.v.slice(14));
      if (name === "set_excludes") out.excludes = inner.filter((t) => /^LLAMA_EXAMPLE_/.test(t.v)).map((t) => t.v.slice(14));
      i = close;
    }
    return out;
  }

  facts(parts, chain, guard) {
    const { tokens } = this;
    const lists = [];
    const texts = [];
    let handler;
    for (const [a, b] of parts) {
      if (tokens[a].v === "{") lists.push(this.stringList(a, b));
      else if (tokens[a].v === "[") handler = this.handler(a, b);
      else texts.push([a, b]);
    }
    const names = lists[0] ?? [];
    if (names.length === 0 || texts.length === 0) return undefined;
    const help = this.helpText(...texts[texts.length - 1]);
    const hints = texts.slice(0, -1).map(([a, b]) => literalText(tokens, a, b) ?? "");
    const negatedNames = lists[1] ?? [];
    const examples = chain.examples.length ? chain.examples : ["COMMON"];
    const inServer = (examples.includes("SERVER") || examples.includes("COMMON")) && !chain.excludes.includes("SERVER");
    const server = guard.has("SERVER") && inServer;
    const reachesOther = [...guard].some((e) => e !== "SERVER" && (examples.includes(e) || examples.includes("COMMON")) && !chain.excludes.includes(e));
    if (!server && !reachesOther) return undefined;
    const h = handler ?? { valueCount: 0, integer: false, removed: null, warnings: [], accumulates: false, literals: null };
    const status = h.removed !== null ? "removed" : helpSaysDeprecated(help) ? "deprecated" : "active";
    const hint = hints.filter(Boolean).join(" ") || null;
    return makeFacts({
      names,
      negatedNames,
      valueCount: h.valueCount,
      valueHint: hint,
      allowedValues: allowedFromHint(hint) ?? h.literals ?? allowedFromHelp(help),
      env: chain.env,
      envNegated: this.negatedEnv && negatedNames.length && chain.env?.startsWith("LLAMA_ARG_") ? chain.env.replace(/^LLAMA_ARG_/, "LLAMA_ARG_NO_") : null,
      default: defaultOf(help),
      help: firstLine(help),
      status,
      replacement: status === "active" ? null : replacementFrom({ warnings: h.warnings, removed: h.removed, help }),
      server,
      tools: examples.filter((e) => e !== "COMMON").map((e) => e.toLowerCase()).sort(),
      integer: h.integer,
      repeatable: h.accumulates || helpSaysRepeatable(help),
    });
  }

  stringList(a, b) {
    const { tokens, match } = this;
    return splitTop(tokens, match, a + 1, match[a]).map(([x, y]) => literalText(tokens, x, y)).filter((s) => s !== undefined);
  }

  /** Help: a literal (printed as is), string_format(fmt, args…) (printf), or a ?: of those. */
  helpText(a, b) {
    const { tokens, match } = this;
    const lit = literalText(tokens, a, b);
    if (lit !== undefined) return lit;
    if ((tokens[a].v === "string_format" || tokens[a].v === "format") && tokens[a + 1]?.v === "(" && match[a + 1] === b - 1) {
      const args = splitTop(tokens, match, a + 2, b - 1);
      const fmt = evaluate(tokens, match, args[0][0], args[0][1], this.scope);
      if (fmt.k !== "str") return HOLE;
      const values = args.slice(1).map(([x, y]) => evaluate(tokens, match, x, y, this.scope));
      return formatC(fmt.v, values);
    }
    const v = evaluate(tokens, match, a, b, this.scope);
    return v.k === "str" ? v.v : HOLE;
  }

  /** What the handler lambda tells: value count (its parameters), integer parsing, removal, accumulation. */
  handler(a, b) {
    const { tokens, match } = this;
    const paren = findTop(tokens, match, match[a] + 1, b, "(");
    const params = paren > 0 ? splitTop(tokens, match, paren + 1, match[paren]) : [];
    const types = params.slice(1).map(([x, y]) => tokens.slice(x, y).map((t) => t.v));
    const bodyOpen = paren > 0 ? findTop(tokens, match, match[paren] + 1, b, "{") : -1;
    const body = bodyOpen > 0 ? tokens.slice(bodyOpen + 1, match[bodyOpen]) : [];
    const isBool = types.length === 1 && types[0].includes("bool");
    const isInt = types.length === 1 && types[0].some((w) => /^(int|int32_t|unsigned|long)$/.test(w)) && !types[0].includes("std");
    const valueName = types[0]?.[types[0].length - 1];
    return {
      valueCount: isBool ? 0 : Math.min(types.length, 2),
      integer: isInt || (types.length === 1 && !isBool && parsesInteger(body, valueName)),
      removed: removedMessage(body),
      warnings: body.filter((t) => t.t === "str" && /deprecated/i.test(t.v)).map((t) => t.v),
      accumulates: body.some((t) => t.v === "push_back" || t.v === "emplace_back" || t.v === "insert"),
      literals: types.length === 1 && !isBool ? comparedLiterals(body, valueName) : null,
    };
  }
}

/** `std::stoi(value)` (or stoul/stol) on the handler's own parameter. */
function parsesInteger(body, valueName) {
  for (let i = 0; i + 4 < body.length; i++) {
    if (body[i].v === "std" && body[i + 1].v === "::" && /^sto(i|l|ll|ul|ull)$/.test(body[i + 2].v) && body[i + 3].v === "(" && body[i + 4].v === valueName) return true;
  }
  return false;
}

/** The message of `arg_removed("…")`, or null when the handler does not remove the option. */
function removedMessage(body) {
  const at = body.findIndex((t) => t.v === "arg_removed");
  if (at < 0) return null;
  let s = "";
  for (let i = at + 2; i < body.length && body[i].t === "str"; i++) s += body[i].v;
  return s;
}

/**
 * `if (value == "a") … else if (value == "b") … else throw`: the accepted values, when every
 * other value is rejected.
 */
function comparedLiterals(body, valueName) {
  const lits = [];
  for (let i = 0; i + 2 < body.length; i++) {
    if (body[i].v === valueName && body[i + 1].v === "==" && body[i + 2].t === "str") lits.push(body[i + 2].v);
  }
  if (lits.length < 2 || !body.some((t) => t.v === "throw")) return null;
  const elseThrow = body.some((t, i) => t.v === "else" && body[i + 1]?.v === "{" && body[i + 2]?.v === "throw");
  return elseThrow ? [...new Set(lits)] : null;
}
