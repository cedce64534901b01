// A small C++ reader: just enough to take llama.cpp's option declarations apart (string literals,
// brace lists, call arguments, lambda signatures). It is not a C++ parser: preprocessor lines are
// dropped (both branches of an #if are read), and templates are not understood outside brackets.

const PUNCT3 = ["<<=", ">>=", "...", "->*"];
const PUNCT2 = ["::", "->", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>"];
const ESCAPES = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'", "?": "?", a: "\x07", b: "\b", f: "\f", v: "\v" };

/**
 * @typedef {{ t: "str" | "num" | "id" | "punct" | "char", v: string, pos: number }} Token
 */

/** Splits C++ source into tokens; comments and preprocessor lines are skipped. */
export function lex(src) {
  /** @type {Token[]} */
  const out = [];
  const n = src.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = src[i];
    if (c === "\n") { lineStart = true; i++; continue; }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") { i++; continue; }
    if (c === "#" && lineStart) { i = skipDirective(src, i); continue; }
    lineStart = false;
    if (c === "/" && src[i + 1] === "/") { const e = src.indexOf("\n", i); i = e < 0 ? n : e; continue; }
    if (c === "/" && src[i + 1] === "*") { const e = src.indexOf("*/", i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === '"') { const [v, e] = readString(src, i + 1); out.push({ t: "str", v, pos: i }); i = e; continue; }
    if (c === "R" && src[i + 1] === '"') { const [v, e] = readRawString(src, i + 2); out.push({ t: "str", v, pos: i }); i = e; continue; }
    if (c === "'") { const [v, e] = readChar(src, i + 1); out.push({ t: "char", v, pos: i }); i = e; continue; }
    if (isDigit(c) || (c === "." && isDigit(src[i + 1]))) { const e = readNumber(src, i); out.push({ t: "num", v: src.slice(i, e), pos: i }); i = e; continue; }
    if (isIdentStart(c)) {
      let e = i + 1;
      while (e < n && isIdentPart(src[e])) e++;
      const word = src.slice(i, e);
      // u8"…", L"…": the prefix belongs to the literal
      if (src[e] === '"' && (word === "u8" || word === "L" || word === "u" || word === "U")) { i = e; continue; }
      out.push({ t: "id", v: word, pos: i });
      i = e;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const p = PUNCT3.includes(three) ? three : PUNCT2.includes(two) ? two : c;
    out.push({ t: "punct", v: p, pos: i });
    i += p.length;
  }
  return out;
}

function skipDirective(src, i) {
  const n = src.length;
  while (i < n) {
    const e = src.indexOf("\n", i);
    if (e < 0) return n;
    let k = e - 1;
    if (src[k] === "\r") k--;
    if (src[k] !== "\\") return e;
    i = e + 1;
  }
  return n;
}

function readString(src, i) {
  let v = "";
  while (i < src.length && src[i] !== '"') {
    if (src[i] === "\\") {
      const [ch, e] = readEscape(src, i + 1);
      v += ch;
      i = e;
    } else {
      v += src[i++];
    }
  }
  return [v, i + 1];
}

function readEscape(src, i) {
  const c = src[i];
  if (c === "x") {
    let e = i + 1;
    while (/[0-9a-fA-F]/.test(src[e] ?? "")) e++;
    return [String.fromCharCode(parseInt(src.slice(i + 1, e), 16)), e];
  }
  if (c === "\n") return ["", i + 1];
  return [ESCAPES[c] ?? c, i + 1];
}

function readRawString(src, i) {
  const open = src.indexOf("(", i);
  const delim = src.slice(i, open);
  const close = src.indexOf(`)${delim}"`, open);
  return [src.slice(open + 1, close), close + delim.length + 2];
}

function readChar(src, i) {
  let v = "";
  while (i < src.length && src[i] !== "'") {
    if (src[i] === "\\") { const [ch, e] = readEscape(src, i + 1); v += ch; i = e; } else v += src[i++];
  }
  return [v, i + 1];
}

function readNumber(src, i) {
  let e = i;
  while (e < src.length) {
    const c = src[e];
    if (isIdentPart(c) || c === ".") { e++; continue; }
    if ((c === "+" || c === "-") && /[eEpP]/.test(src[e - 1]) && !/^0[xX]/.test(src.slice(i, e)) ) { e++; continue; }
    if (c === "'" && isDigit(src[e + 1] ?? "")) { e++; continue; }
    break;
  }
  return e;
}

const isDigit = (c) => c >= "0" && c <= "9";
const isIdentStart = (c) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isIdentPart = (c) => isIdentStart(c) || isDigit(c);

const OPEN = { "(": ")", "{": "}", "[": "]" };

/** For every opening bracket, the index of its closing partner (and the other way round). */
export function matchBrackets(tokens) {
  /** @type {Int32Array} */
  const match = new Int32Array(tokens.length).fill(-1);
  const stack = [];
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i];
    if (tk.t !== "punct") continue;
    if (OPEN[tk.v]) stack.push(i);
    else if (tk.v === ")" || tk.v === "}" || tk.v === "]") {
      // tolerate unbalanced code (both arms of an #if): close to the nearest opener of the same kind
      let k = stack.length - 1;
      while (k >= 0 && OPEN[tokens[stack[k]].v] !== tk.v) k--;
      if (k < 0) continue;
      const open = stack[k];
      stack.length = k;
      match[open] = i;
      match[i] = open;
    }
  }
  return match;
}

/**
 * The top-level comma-separated parts of tokens[from, to): each part is a [start, end) range.
 * Brackets nest; commas inside them do not split.
 */
export function splitTop(tokens, match, from, to) {
  const parts = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const tk = tokens[i];
    if (tk.t === "punct" && OPEN[tk.v] && match[i] > i) { i = match[i]; continue; }
    if (tk.t === "punct" && tk.v === ",") { parts.push([start, i]); start = i + 1; }
  }
  if (to > start) parts.push([start, to]);
  return parts;
}

/** Adjacent string literals (`"a" "b"`) make one; returns the text or undefined if the range is not only literals. */
export function literalText(tokens, from, to) {
  if (to <= from) return undefined;
  let s = "";
  for (let i = from; i < to; i++) {
    const tk = tokens[i];
    if (tk.t === "str") s += tk.v;
    else if (tk.t === "id" && /^PRI[diuxX](8|16|32|64|MAX|PTR)$/.test(tk.v)) s += tk.v.slice(3, 4) === "u" ? "u" : "d";
    else return undefined;
  }
  return s;
}

/** Index of the next token with value v at the same bracket level, or -1. */
export function findTop(tokens, match, from, to, v) {
  for (let i = from; i < to; i++) {
    const tk = tokens[i];
    if (tk.v === v && tk.t === "punct") return i;
    if (tk.t === "punct" && OPEN[tk.v] && match[i] > i) i = match[i];
  }
  return -1;
}

/** Source text of a token range, re-joined with single spaces (for messages and for regex checks). */
export function joinTokens(tokens, from, to) {
  const parts = [];
  for (let i = from; i < to; i++) {
    const tk = tokens[i];
    parts.push(tk.t === "str" ? JSON.stringify(tk.v) : tk.t === "char" ? `'${tk.v}'` : tk.v);
  }
  return parts.join(" ");
}

/** Finds the body `{ … }` of the function definition named `name` (the last definition wins). */
export function functionBody(tokens, match, name) {
  let found;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].t !== "id" || tokens[i].v !== name || tokens[i + 1].v !== "(") continue;
    const close = match[i + 1];
    if (close < 0) continue;
    let k = close + 1;
    while (k < tokens.length && tokens[k].t === "id") k++; // const, noexcept, override
    if (tokens[k]?.v === "{" && match[k] > k) found = [k + 1, match[k]];
  }
  return found;
}
