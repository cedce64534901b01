import { parseSource, type SourceFile } from "@llmchart/schema";
import { isMap, isScalar, type Scalar } from "yaml";
import { isDeepStrictEqual } from "node:util";

/**
 * `model.sha256` set to `sha256` in a values file's text, touching nothing else: an empty scalar
 * is replaced in place (its quotes kept), a missing key is added as the last line of the `model`
 * map with the map's indentation and the file's line ending. The result is parsed again and must
 * hold the same data plus the checksum; otherwise undefined (the caller writes nothing).
 */
export function withSha256(source: SourceFile, sha256: string): string | undefined {
  const model = source.doc.get("model", true);
  if (!isMap(model)) return undefined;
  const existing = model.get("sha256", true);
  let text: string | undefined;
  if (isScalar(existing)) text = replaceScalar(source.text, existing, sha256);
  else if (existing === undefined && !model.flow) text = appendKey(source.text, model.items.at(-1)?.value ?? model.items.at(-1)?.key, model.items[0]?.key, sha256);
  if (text === undefined) return undefined;
  return sameDataPlus(source, text, sha256) ? text : undefined;
}

function replaceScalar(text: string, node: Scalar, sha256: string): string | undefined {
  const range = node.range;
  if (!range || (node.value !== "" && node.value !== null)) return undefined;
  const quote = node.type === "QUOTE_SINGLE" ? "'" : '"';
  // `sha256:` with nothing after it is an empty range right after the colon.
  const space = range[0] === range[1] && text[range[0] - 1] === ":" ? " " : "";
  return text.slice(0, range[0]) + space + quote + sha256 + quote + text.slice(range[1]);
}

/** Inserts `sha256: "<hex>"` on a new line after `last` (the map's last value), indented like `first` (its first key). */
function appendKey(text: string, last: unknown, first: unknown, sha256: string): string | undefined {
  const end = (last as { range?: [number, number, number] } | undefined)?.range?.[1];
  const start = (first as { range?: [number, number, number] } | undefined)?.range?.[0];
  if (end === undefined || start === undefined) return undefined;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  // After the rest of the last value's line (a trailing comment stays where it is).
  const lineEnd = text.indexOf("\n", end);
  const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
  return `${text.slice(0, at)}${eol}${indent}sha256: "${sha256}"${text.slice(at)}`;
}

function sameDataPlus(before: SourceFile, text: string, sha256: string): boolean {
  let after;
  try {
    after = parseSource(before.path, text);
  } catch {
    return false;
  }
  if (after.doc.errors.length) return false;
  const expected = before.doc.toJS() as { model: Record<string, unknown> };
  expected.model.sha256 = sha256;
  return isDeepStrictEqual(after.doc.toJS(), expected);
}
