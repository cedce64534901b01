import { looksLikeCredential } from "./credentials.js";

/** The most characters of a scalar a message shows (after escaping), before an ellipsis. */
export const MAX_EXCERPT = 24;

/**
 * The most characters of a name a message needs whole to be followed (a model file name, a
 * repository id, an image tag, a flag, a path the user is told to set), where MAX_EXCERPT would
 * cut the advice short. Still escaped, still bounded, still never a credential.
 */
export const MAX_NAME_EXCERPT = 100;

/** What a message says instead of a value that looks like a credential. */
export const HIDDEN_CREDENTIAL = "a value that looks like a credential (not shown)";

/** Characters that would break a message's line or hide what it says: C0/C1 controls, line and paragraph separators, bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

function escapeChar(c: string): string {
  switch (c) {
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    case '"':
      return '\\"';
    case "\\":
      return "\\\\";
    default:
      return UNSAFE.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
  }
}

/**
 * A scalar as a message may quote it: in double quotes, with quotes, backslashes and control
 * characters escaped, cut to MAX_EXCERPT characters with an ellipsis — or, when the value or its
 * key looks like a credential (`looksLikeCredential`), not at all. The one way any message of
 * llmchart shows what a user wrote (docs/guarantees.md).
 */
export function excerpt(value: string, key?: string, max = MAX_EXCERPT): string {
  if (looksLikeCredential(value, key)) return HIDDEN_CREDENTIAL;
  let body = "";
  for (const c of value) {
    const e = escapeChar(c);
    if (body.length + e.length > max) return `"${body}…" (${Array.from(value).length} characters)`;
    body += e;
  }
  return `"${body}"`;
}

/** What may stand in a message without quotes: short, no spaces, quotes, backslashes or control characters. */
const BARE = /^[\p{L}\p{N}_.,:;/@%+=*#~^()[\]<>!?&|$-]+$/u;

/**
 * `excerpt`, without the quotes when nothing needs them: a flag's value (`-t 8`, `--port 8080`)
 * reads as the user wrote it, anything longer, odd or secret as `excerpt` shows it.
 */
export function bareExcerpt(value: string, key?: string, max = MAX_EXCERPT): string {
  if (looksLikeCredential(value, key)) return HIDDEN_CREDENTIAL;
  return value.length <= max && BARE.test(value) ? value : excerpt(value, key, max);
}

/**
 * Any value as a message may describe it: a string as an excerpt (`string "abc"`), a number or
 * boolean as written, and lists or mappings by their kind only.
 */
export function describeValue(value: unknown, key?: string): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `string ${excerpt(value, key)}`;
  const text = String(value);
  return `${typeof value} ${text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text}`;
}
