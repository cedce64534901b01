// What llama.cpp's help prints for "(default: %d)": the field initialisers of its parameter structs
// (common.h and friends), a few per-example overrides, and printf's own formatting. Unknown stays
// unknown: an expression this reader cannot evaluate yields UNKNOWN, and a default that depends on
// one is reported as not stated.

import { lex, matchBrackets, literalText, splitTop } from "./cpp.mjs";

/** @typedef {{ k: "int" | "float" | "double" | "bool" | "str" | "unknown", v?: any }} Value */

/** @type {Value} */
export const UNKNOWN = Object.freeze({ k: "unknown" });
/** Stands for a value the reader could not resolve inside formatted help text. */
export const HOLE = "\u0001";

/**
 * Every `struct Name { … }` of the given sources: field name → { type, init tokens }.
 * @returns {Map<string, Map<string, { type: string, init: import("./cpp.mjs").Token[] | undefined }>>}
 */
export function readStructs(...sources) {
  const structs = new Map();
  for (const src of sources) {
    if (!src) continue;
    const tokens = lex(src);
    const match = matchBrackets(tokens);
    for (let i = 0; i + 2 < tokens.length; i++) {
      if (tokens[i].v !== "struct" || tokens[i + 1].t !== "id") continue;
      let k = i + 2;
      while (k < tokens.length && tokens[k].v !== "{" && tokens[k].v !== ";" && tokens[k].v !== "(") k++;
      if (tokens[k]?.v !== "{" || match[k] < 0) continue;
      structs.set(tokens[i + 1].v, readFields(tokens, match, k + 1, match[k]));
    }
  }
  return structs;
}

function readFields(tokens, match, from, to) {
  const fields = new Map();
  let start = from;
  for (let i = from; i < to; i++) {
    const tk = tokens[i];
    if (tk.v === "{" && tk.t === "punct") {
      const stmt = tokens.slice(start, i);
      const isFunction = stmt.some((t) => t.v === "(") || stmt.some((t) => t.v === "struct" || t.v === "enum" || t.v === "union");
      if (isFunction) {
        i = match[i] > i ? match[i] : i;
        if (tokens[i + 1]?.v === ";") i++;
        start = i + 1;
        continue;
      }
      i = match[i] > i ? match[i] : i; // brace initialiser: `T name{…};`
      continue;
    }
    if (tk.v === ":" && tk.t === "punct" && i === start + 1 && /^(public|private|protected)$/.test(tokens[start].v)) { start = i + 1; continue; }
    if (tk.v !== ";" || tk.t !== "punct") continue;
    const field = readField(tokens.slice(start, i));
    if (field) fields.set(field.name, { type: field.type, init: field.init });
    start = i + 1;
  }
  return fields;
}

function readField(stmt) {
  if (stmt.length < 2 || stmt[0].v === "using" || stmt[0].v === "typedef" || stmt[0].v === "static" || stmt[0].v === "friend") return undefined;
  let eq = stmt.findIndex((t) => t.v === "=" && t.t === "punct");
  let init;
  if (eq >= 0) init = stmt.slice(eq + 1);
  else {
    const brace = stmt.findIndex((t) => t.v === "{");
    if (brace > 0) { eq = brace; init = stmt.slice(brace + 1, stmt.length - 1); }
    else eq = stmt.length;
  }
  let nameAt = eq - 1;
  if (stmt[nameAt]?.v === "]") return undefined; // arrays
  const name = stmt[nameAt];
  if (!name || name.t !== "id" || nameAt === 0) return undefined;
  const type = stmt.slice(0, nameAt).map((t) => t.v).join(" ");
  return { name: name.v, type, init };
}

/** The struct a declared type names, if any (`struct common_params_sampling`, `const cpu_params`). */
function structOf(type, structs) {
  const words = type.split(/\s+/).filter((w) => !/^(const|struct|volatile|&|\*)$/.test(w));
  const last = words[words.length - 1]?.replace(/^.*::/, "");
  return last && structs.has(last) ? last : undefined;
}

/** The kind of value a declared C++ type holds. */
export function kindOfType(type) {
  if (/\bbool\b/.test(type)) return "bool";
  if (/\bfloat\b/.test(type)) return "float";
  if (/\bdouble\b/.test(type)) return "double";
  if (/std\s*::\s*string|char\s*\*/.test(type)) return "str";
  if (/\b(u?int(8|16|32|64)?_t|int|unsigned|long|short|size_t|uint32_t|int32_t)\b/.test(type)) return "int";
  return "unknown";
}

/** Converts a value to what a field of the given kind stores (float fields round to float32). */
export function coerce(value, kind) {
  if (value.k === "unknown") return value;
  if (kind === "float" && (value.k === "int" || value.k === "float" || value.k === "double")) return { k: "float", v: Math.fround(value.v) };
  if (kind === "double" && (value.k === "int" || value.k === "float" || value.k === "double")) return { k: "double", v: value.v };
  if (kind === "int" && (value.k === "int" || value.k === "float" || value.k === "double")) return { k: "int", v: Math.trunc(value.v) };
  if (kind === "int" && value.k === "bool") return { k: "int", v: value.v ? 1 : 0 };
  if (kind === "bool" && (value.k === "int" || value.k === "bool")) return { k: "bool", v: Boolean(value.v) };
  if (kind === "str" && value.k === "str") return value;
  if (kind === "unknown") return value;
  return kind === value.k ? value : UNKNOWN;
}

/**
 * An evaluation context: which struct each variable names (`params` → common_params), overrides
 * (`n_parallel` → -1 for the server) and which example `ex` is.
 */
export class Scope {
  /**
   * @param {ReturnType<typeof readStructs>} structs
   * @param {Record<string, string>} vars variable → struct name
   * @param {string} example e.g. "SERVER"
   */
  constructor(structs, vars, example) {
    this.structs = structs;
    this.vars = new Map(Object.entries(vars));
    this.example = example;
    /** @type {Map<string, Value>} "var.path" → value */
    this.overrides = new Map();
    /** variable → "var.path" it aliases (`sparams` → `params.sparams`) */
    this.aliases = new Map();
    /** functions whose result the reader knows: name → (args) → Value */
    this.functions = new Map();
  }

  /** The value of `var.a.b`; UNKNOWN when a field or its initialiser is out of reach. */
  lookup(path) {
    const [head, ...rest] = path.split(".");
    const alias = this.aliases.get(head);
    if (alias) return this.lookup([alias, ...rest].join("."));
    if (this.overrides.has(path)) return this.overrides.get(path);
    let struct = this.vars.get(head);
    if (!struct || rest.length === 0) return UNKNOWN;
    for (let i = 0; i < rest.length; i++) {
      const field = this.structs.get(struct)?.get(rest[i]);
      if (!field) return UNKNOWN;
      if (i === rest.length - 1) return this.initialValue(field);
      struct = structOf(field.type, this.structs);
      if (!struct) return UNKNOWN;
    }
    return UNKNOWN;
  }

  initialValue(field) {
    const kind = kindOfType(field.type);
    if (!field.init) return kind === "str" ? { k: "str", v: "" } : UNKNOWN;
    const tokens = field.init;
    const v = evaluate(tokens, matchBrackets(tokens), 0, tokens.length, this);
    return coerce(v, kind);
  }

  /** The declared kind of `var.a.b` (for float32 rounding of overrides), or "unknown". */
  kindOf(path) {
    const [head, ...rest] = path.split(".");
    const alias = this.aliases.get(head);
    if (alias) return this.kindOf([alias, ...rest].join("."));
    let struct = this.vars.get(head);
    for (let i = 0; struct && i < rest.length; i++) {
      const field = this.structs.get(struct)?.get(rest[i]);
      if (!field) return "unknown";
      if (i === rest.length - 1) return kindOfType(field.type);
      struct = structOf(field.type, this.structs);
    }
    return "unknown";
  }
}

/** Parses a numeric literal: `0.95f` → float32, `4096` → int, `1e-5` → double. */
export function numberValue(text) {
  const t = text.replace(/'/g, "");
  if (/^0[xX][0-9a-fA-F]+[uUlL]*$/.test(t)) return { k: "int", v: parseInt(t, 16) };
  if (/^[0-9]+[uUlLzZ]*$/.test(t)) return { k: "int", v: parseInt(t, 10) };
  const m = /^([0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?)([fFlL]?)$/.exec(t);
  if (!m) return UNKNOWN;
  const v = Number(m[1]);
  if (Number.isNaN(v)) return UNKNOWN;
  return m[2] === "f" || m[2] === "F" ? { k: "float", v: Math.fround(v) } : { k: "double", v };
}

/**
 * Evaluates a C++ expression of literals, member paths, casts, `!`, comparisons, `&&`/`||`,
 * arithmetic and `?:`. `ex == LLAMA_EXAMPLE_X` compares against the scope's example.
 * @returns {Value}
 */
export function evaluate(tokens, match, from, to, scope) {
  const p = new ExprParser(tokens, match, from, to, scope);
  const v = p.ternary();
  return p.i === to ? v : UNKNOWN;
}

const BINARY = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];

class ExprParser {
  constructor(tokens, match, from, to, scope) {
    Object.assign(this, { tokens, match, i: from, to, scope });
  }

  peek() { return this.i < this.to ? this.tokens[this.i] : undefined; }

  ternary() {
    const cond = this.binary(0);
    if (this.peek()?.v !== "?") return cond;
    this.i++;
    const a = this.ternary();
    if (this.peek()?.v !== ":") return UNKNOWN;
    this.i++;
    const b = this.ternary();
    const truth = truthOf(cond);
    return truth === undefined ? UNKNOWN : truth ? a : b;
  }

  binary(level) {
    if (level >= BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.peek();
      if (!op || op.t !== "punct" || !BINARY[level].includes(op.v)) return left;
      this.i++;
      const right = this.binary(level + 1);
      left = applyBinary(op.v, left, right);
    }
  }

  unary() {
    const tk = this.peek();
    if (!tk) return UNKNOWN;
    if (tk.v === "!") { this.i++; const t = truthOf(this.unary()); return t === undefined ? UNKNOWN : { k: "bool", v: !t }; }
    if (tk.v === "-" || tk.v === "+") {
      this.i++;
      const v = this.unary();
      if (v.k === "int" || v.k === "float" || v.k === "double") return { k: v.k, v: tk.v === "-" ? -v.v : v.v };
      return UNKNOWN;
    }
    if (tk.v === "(" && this.isCast()) {
      const kind = kindOfType(this.tokens.slice(this.i + 1, this.match[this.i]).map((t) => t.v).join(" "));
      this.i = this.match[this.i] + 1;
      return castTo(this.unary(), kind);
    }
    return this.postfix();
  }

  isCast() {
    const close = this.match[this.i];
    if (close < 0) return false;
    const inner = this.tokens.slice(this.i + 1, close);
    return inner.length > 0 && inner.every((t) => t.t === "id" || t.v === "::" || t.v === "*") &&
      /^(unsigned|signed|int|long|short|float|double|bool|size_t|u?int\d+_t|char|const|std)$/.test(inner[0].v) && close + 1 < this.to;
  }

  postfix() {
    const tk = this.peek();
    if (tk.t === "num") { this.i++; return numberValue(tk.v); }
    if (tk.t === "str") {
      let s = "";
      while (this.peek()?.t === "str") s += this.tokens[this.i++].v;
      return { k: "str", v: s };
    }
    if (tk.v === "(") {
      const close = this.match[this.i];
      const v = evaluate(this.tokens, this.match, this.i + 1, close, this.scope);
      this.i = close + 1;
      return v;
    }
    if (tk.t === "id") return this.path();
    this.i = this.to;
    return UNKNOWN;
  }

  path() {
    const first = this.tokens[this.i++].v;
    if (first === "true" || first === "false") return { k: "bool", v: first === "true" };
    if (first === "nullptr" || first === "NULL") return { k: "str", v: "" };
    if (first === "static_cast" && this.peek()?.v === "<") return this.staticCast();
    const parts = [first];
    while (this.peek()?.v === "." || this.peek()?.v === "::") {
      if (this.peek().v === "::") { this.i++; parts.push(this.tokens[this.i++]?.v ?? ""); continue; }
      const next = this.tokens[this.i + 1];
      if (next?.t !== "id") break;
      if (this.tokens[this.i + 2]?.v === "(") {
        // c_str() keeps the string; other calls are out of reach
        const close = this.match[this.i + 2];
        this.i = close + 1;
        if (next.v === "c_str" || next.v === "data") continue;
        return UNKNOWN;
      }
      this.i += 2;
      parts.push(next.v);
    }
    if (this.peek()?.v === "(") return this.call(parts.join("::"));
    if (parts.length === 1 && first === "ex") return { k: "example", v: this.scope.example };
    if (parts.length === 1 && /^LLAMA_EXAMPLE_/.test(first)) return { k: "example", v: first.slice("LLAMA_EXAMPLE_".length) };
    if (parts.length > 1) return this.scope.lookup(parts.join("."));
    // an enum constant or macro: kept by name, so a known function can map it (ggml_type_name)
    return /^[A-Z][A-Z0-9_]+$/.test(first) ? { k: "enum", v: first } : UNKNOWN;
  }

  call(name) {
    const close = this.match[this.i];
    const fn = this.scope.functions.get(name);
    let result = UNKNOWN;
    if (fn && close > this.i) {
      const args = splitTop(this.tokens, this.match, this.i + 1, close).map(([a, b]) => evaluate(this.tokens, this.match, a, b, this.scope));
      result = fn(args);
    }
    this.i = close + 1;
    // `.c_str()` after a call keeps the string
    while (this.peek()?.v === "." && this.tokens[this.i + 2]?.v === "(" && /^(c_str|data)$/.test(this.tokens[this.i + 1]?.v ?? "")) this.i = this.match[this.i + 2] + 1;
    return result;
  }

  staticCast() {
    let k = this.i + 1;
    let depth = 1;
    const typeTokens = [];
    for (; k < this.to && depth > 0; k++) {
      if (this.tokens[k].v === "<") depth++;
      else if (this.tokens[k].v === ">") depth--;
      if (depth > 0) typeTokens.push(this.tokens[k].v);
    }
    this.i = k;
    if (this.peek()?.v !== "(") return UNKNOWN;
    const close = this.match[this.i];
    const v = evaluate(this.tokens, this.match, this.i + 1, close, this.scope);
    this.i = close + 1;
    return castTo(v, kindOfType(typeTokens.join(" ")));
  }
}

function castTo(v, kind) {
  if (kind === "double" && (v.k === "float" || v.k === "int" || v.k === "double")) return { k: "double", v: v.v };
  if (kind === "float" && (v.k === "float" || v.k === "int" || v.k === "double")) return { k: "float", v: Math.fround(v.v) };
  if (kind === "int" && (v.k === "int" || v.k === "bool" || v.k === "float" || v.k === "double")) return { k: "int", v: Math.trunc(Number(v.v)) };
  if (kind === "bool") return truthOf(v) === undefined ? UNKNOWN : { k: "bool", v: truthOf(v) };
  return v;
}

/** C++ truthiness of a value, undefined when unknown. */
export function truthOf(v) {
  if (v.k === "bool") return v.v;
  if (v.k === "int" || v.k === "float" || v.k === "double") return v.v !== 0;
  return undefined;
}

function applyBinary(op, a, b) {
  if (op === "||" || op === "&&") {
    const x = truthOf(a);
    const y = truthOf(b);
    if (op === "||") return x === true || y === true ? { k: "bool", v: true } : x === false && y === false ? { k: "bool", v: false } : UNKNOWN;
    return x === false || y === false ? { k: "bool", v: false } : x === true && y === true ? { k: "bool", v: true } : UNKNOWN;
  }
  if (a.k === "unknown" || b.k === "unknown") return UNKNOWN;
  if (op === "==" || op === "!=") {
    const eq = a.v === b.v;
    return { k: "bool", v: op === "==" ? eq : !eq };
  }
  const numeric = (v) => v.k === "int" || v.k === "float" || v.k === "double";
  if (!numeric(a) || !numeric(b)) return UNKNOWN;
  const kind = a.k === "double" || b.k === "double" ? "double" : a.k === "float" || b.k === "float" ? "float" : "int";
  const cmp = { "<": a.v < b.v, ">": a.v > b.v, "<=": a.v <= b.v, ">=": a.v >= b.v }[op];
  if (cmp !== undefined) return { k: "bool", v: cmp };
  let r = { "+": a.v + b.v, "-": a.v - b.v, "*": a.v * b.v, "/": kind === "int" ? Math.trunc(a.v / b.v) : a.v / b.v, "%": a.v % b.v }[op];
  if (kind === "float") r = Math.fround(r);
  return { k: kind, v: r };
}

/**
 * printf of one format string with resolved arguments; an unknown argument prints as HOLE.
 * Floats print from their exact binary value, rounded half-to-even as glibc does.
 */
export function formatC(fmt, args) {
  let out = "";
  let arg = 0;
  const re = /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|z|j|t|L)?([diouxXfFeEgGscp%])/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = "", width, precision, , conv] = m;
    if (conv === "%") { out += "%"; continue; }
    const v = args[arg++] ?? UNKNOWN;
    const text = convert(conv, v, precision === undefined ? undefined : Number(precision));
    out += text === undefined ? HOLE : pad(text, width ? Number(width) : 0, flags);
  }
  return out + fmt.slice(last);
}

function pad(text, width, flags) {
  if (text.length >= width) return text;
  if (flags.includes("-")) return text.padEnd(width);
  if (flags.includes("0") && /^-?\d/.test(text)) return text.startsWith("-") ? "-" + text.slice(1).padStart(width - 1, "0") : text.padStart(width, "0");
  return text.padStart(width);
}

function convert(conv, v, precision) {
  if (v.k === "unknown") return undefined;
  const num = v.k === "int" || v.k === "float" || v.k === "double" ? Number(v.v) : v.k === "bool" ? (v.v ? 1 : 0) : undefined;
  switch (conv) {
    case "d": case "i": case "u":
      return v.k === "int" || v.k === "bool" ? String(num) : undefined;
    case "x": case "X":
      return v.k === "int" ? (conv === "x" ? num.toString(16) : num.toString(16).toUpperCase()) : undefined;
    case "f": case "F":
      return v.k === "float" || v.k === "double" ? toFixedExact(num, precision ?? 6) : undefined;
    case "e": case "E":
      return v.k === "float" || v.k === "double" ? expC(num, precision ?? 6) : undefined;
    case "g": case "G":
      return v.k === "float" || v.k === "double" ? generalC(num, precision ?? 6) : undefined;
    case "s":
      return v.k === "str" ? (precision === undefined ? v.v : v.v.slice(0, precision)) : undefined;
    case "c":
      return v.k === "str" ? v.v.slice(0, 1) : undefined;
    default:
      return undefined;
  }
}

/** `%.Nf` of a double, exactly: the binary value rounded half-to-even at N decimals. */
export function toFixedExact(x, digits) {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const { mant, exp } = decompose(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  let q;
  if (exp >= 0) q = (mant << BigInt(exp)) * scale;
  else {
    const num = mant * scale;
    const den = 1n << BigInt(-exp);
    q = num / den;
    const r2 = (num % den) * 2n;
    if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  }
  let s = q.toString().padStart(digits + 1, "0");
  if (digits > 0) s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return (neg ? "-" : "") + s;
}

function decompose(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e !== 0) mant |= 1n << 52n;
  return { mant, exp: (e === 0 ? 1 : e) - 1075 };
}

function expC(x, p) {
  const s = x.toExponential(p);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function generalC(x, p) {
  if (x === 0) return "0";
  const P = p === 0 ? 1 : p;
  const e = Math.floor(Math.log10(Math.abs(x)));
  let s = e < -4 || e >= P ? expC(x, P - 1) : toFixedExact(x, Math.max(0, P - 1 - e));
  if (s.includes("e")) s = s.replace(/\.?0+e/, "e");
  else if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  return s;
}

/** Convenience for tests and callers: the text of a string literal range, else undefined. */
export { literalText };
