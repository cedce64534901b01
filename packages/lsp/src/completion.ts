import type { FlagSpec, ServerBuild } from "@llmchart/policy";
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind, type CompletionItem } from "vscode-languageserver";
import type { ProjectContext } from "./backend.js";
import { textBuild } from "./build.js";
import { exitsServer, flagStatus } from "./flag-status.js";
import { canonicalName, describeFlag } from "./hover.js";
import { enclosingPath, schemaAt, schemaKeys } from "./yaml-context.js";

/** A position as LSP gives it: 0-based line, UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

/** What completion offers of a build: its server flags that still work, without the ones that print and exit. */
function offered(build: ServerBuild): FlagSpec[] {
  return build.flags.specs.filter((s) => s.server && s.status !== "removed" && !exitsServer(s));
}

function flagItem(spec: FlagSpec, name: string, build: ServerBuild, edit: CompletionItem["textEdit"]): CompletionItem {
  const deprecated = spec.status === "deprecated";
  return {
    label: name,
    kind: CompletionItemKind.Property,
    detail: [spec.takesValue ? spec.valueHint ?? "value" : "switch", spec.env, deprecated ? flagStatus(name, build, spec) : undefined].filter(Boolean).join(" · "),
    documentation: { kind: MarkupKind.Markdown, value: describeFlag(name, build) },
    ...(deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    // Long names first, then short spellings; canonical spelling before aliases; deprecated last.
    sortText: `${deprecated ? "2" : name === canonicalName(spec) ? "0" : "1"}${name}`,
    filterText: name,
    ...(edit ? { textEdit: edit } : {}),
  };
}

function edit(line: number, start: number, end: number, newText: string) {
  return { range: { start: { line, character: start }, end: { line, character: end } }, newText };
}

/** The extraArgs token of the line above (`- "-fa"` → `-fa`), skipping comments and blank lines. */
function previousItem(lines: readonly string[], line: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (/^\s*(#|$)/.test(l)) continue;
    const m = /^\s*-\s+(["']?)([^"'#\s]+)\1\s*(#.*)?$/.exec(l);
    return m?.[2];
  }
  return undefined;
}

function valueItems(values: readonly string[], line: number, start: number, end: number, close: string): CompletionItem[] {
  return values.map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, "0"), textEdit: edit(line, start, end, v + close) }));
}

/** Where completion was asked: the document's lines, the text before and after the cursor, the enclosing values path. */
interface Cursor {
  text: string;
  lines: string[];
  pos: Position;
  prefix: string;
  after: string;
  path: ReturnType<typeof enclosingPath>;
}

/** In `extraArgs`: the build's flags, or the enumerated values of the flag before (or of `--flag=`). */
function completeArg(c: Cursor, ctx: ProjectContext): CompletionItem[] {
  const m = /^(\s*-\s+)(["']?)([^"'\s]*)$/.exec(c.prefix);
  if (!m) return [];
  const { pos } = c;
  const quote = m[2]!;
  const token = m[3]!;
  const start = m[1]!.length + quote.length;
  const close = quote && !c.after.startsWith(quote) ? quote : "";
  const build = textBuild(c.text, ctx);
  const eq = token.indexOf("=");
  if (eq >= 0) {
    const allowed = build.flags.find(token.slice(0, eq))?.allowedValues;
    return allowed ? valueItems(allowed, pos.line, start + eq + 1, pos.character, close) : [];
  }
  const items: CompletionItem[] = [];
  const prev = previousItem(c.lines, pos.line);
  const prevSpec = prev?.startsWith("-") ? build.flags.find(prev) : undefined;
  const allowed = prevSpec?.takesValue ? prevSpec.allowedValues : undefined;
  if (allowed && !token.startsWith("-")) items.push(...valueItems(allowed, pos.line, start, pos.character, close));
  // Right after a flag that takes a value, an empty item is that value, not another flag.
  if (token.startsWith("-") || (token === "" && !prevSpec?.takesValue)) {
    for (const spec of offered(build)) {
      for (const name of spec.names) if (name.startsWith(token)) items.push(flagItem(spec, name, build, edit(pos.line, start, pos.character, name + close)));
    }
  }
  return items;
}

/** In `extraEnv`, after `name:`: the variables the build reads; undefined elsewhere in the entry. */
function completeEnv(c: Cursor, ctx: ProjectContext): CompletionItem[] | undefined {
  const m = /^(\s*(?:-\s+)?name:\s*)(["']?)([A-Z0-9_]*)$/.exec(c.prefix);
  if (!m) return undefined;
  const start = m[1]!.length + m[2]!.length;
  const close = m[2] && !c.after.startsWith(m[2]) ? m[2] : "";
  const build = textBuild(c.text, ctx);
  return build.flags.serverEnvNames
    .filter((name) => name.startsWith(m[3]!))
    .map((name) => {
      const found = build.flags.findEnv(name);
      const deprecated = found?.spec.status === "deprecated";
      return {
        label: name,
        kind: CompletionItemKind.Variable,
        documentation: { kind: MarkupKind.Markdown, value: describeFlag(name, build, { negated: found?.negated ?? false }) },
        ...(deprecated ? { tags: [CompletionItemTag.Deprecated], detail: flagStatus(name, build, found.spec) } : {}),
        textEdit: edit(c.pos.line, start, c.pos.character, name + close),
      };
    });
}

/** Elsewhere: enumerated values after `key: `, or the keys the schema allows at the path. */
function completeValues(c: Cursor): CompletionItem[] {
  const { prefix, after, path, pos } = c;
  const value = /^(\s*(?:-\s+)?)([\w./-]+):\s+(["']?)([\w.-]*)$/.exec(prefix);
  if (value) {
    const schema = schemaAt([...path, value[2]!]);
    const options = Array.isArray(schema?.enum) ? schema.enum.map(String) : schema?.type === "boolean" ? ["true", "false"] : [];
    const start = prefix.length - value[4]!.length;
    return valueItems(options, pos.line, start, pos.character, value[3] && !after.startsWith(value[3]) ? value[3] : "");
  }
  const key = /^(\s*(?:-\s+)?)([\w-]*)$/.exec(prefix);
  if (!key || /^\s*:/.test(after)) return [];
  return schemaKeys(path).map(([name, schema]) => {
    const nested = schema.type === "object" || schema.type === "array";
    return {
      label: name,
      kind: CompletionItemKind.Property,
      ...(typeof schema.description === "string" ? { documentation: { kind: MarkupKind.Markdown, value: schema.description } } : {}),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: edit(pos.line, key[1]!.length, pos.character, nested ? `${name}:` : `${name}: `),
    };
  });
}

/**
 * Completion for a values file at `pos`, from the text (it is usually half-typed and does not
 * parse as a whole): in `extraArgs` the flags of the file's build and their enumerated values,
 * in `extraEnv` the variables that build reads, elsewhere values keys and enumerated values from
 * the schema. Flags that make the server exit and removed ones are never offered; deprecated ones
 * are marked.
 */
export function completeAt(text: string, pos: Position, ctx: ProjectContext): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const lineText = lines[pos.line] ?? "";
  const c: Cursor = { text, lines, pos, prefix: lineText.slice(0, pos.character), after: lineText.slice(pos.character), path: enclosingPath(lines, pos.line, pos.character) };
  if (c.path[0] === "extraArgs" && c.path.length === 2) return completeArg(c, ctx);
  if (c.path[0] === "extraEnv" && c.path.length === 2) {
    const env = completeEnv(c, ctx);
    if (env) return env;
  }
  return completeValues(c);
}
