import { policyRules } from "@llmchart/policy";
import type { SourceFile } from "@llmchart/schema";
import { CompletionItemKind, MarkupKind, type CompletionItem } from "vscode-languageserver";
import type { Position } from "./completion.js";
import { nodeAt } from "./yaml-context.js";

const SEVERITIES = ["off", "info", "warning", "error"];

function describeRule(id: string, docsBaseUrl: string | undefined): string | undefined {
  const rule = policyRules.find((r) => r.id === id);
  if (!rule) return undefined;
  const page = rule.docs?.split("/").pop();
  return [
    `**${rule.id}** (default: ${rule.defaultSeverity})`,
    "",
    rule.description,
    ...(rule.help ? ["", rule.help] : []),
    ...(page && docsBaseUrl ? ["", `[${rule.docs}](${docsBaseUrl}${page})`] : []),
  ].join("\n");
}

/** Hover on a rule id under `rules:` of llmchart.config.yaml: what the rule checks and its default severity. */
export function configHoverAt(source: SourceFile, offset: number, docsBaseUrl: string | undefined): { markdown: string; range: [number, number] } | undefined {
  const at = nodeAt(source.doc, offset);
  if (!at?.isKey || at.path.length !== 2 || at.path[0] !== "rules" || !at.node.range) return undefined;
  const markdown = describeRule(String(at.path[1]), docsBaseUrl);
  return markdown ? { markdown, range: [at.node.range[0], at.node.range[1]] } : undefined;
}

/** Completion under `rules:` of llmchart.config.yaml: policy rule ids, then their severities. */
export function configCompleteAt(text: string, pos: Position, docsBaseUrl: string | undefined): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const prefix = (lines[pos.line] ?? "").slice(0, pos.character);
  const m = /^( +)([\w-]*)(:\s*["']?(\w*))?$/.exec(prefix);
  if (!m) return [];
  // The enclosing key: the nearest line above with less indentation.
  const indent = m[1]!.length;
  let parent: string | undefined;
  for (let i = pos.line - 1; i >= 0; i--) {
    const l = /^( *)([\w-]+):/.exec(lines[i]!);
    if (l && l[1]!.length < indent) {
      parent = l[1]!.length === 0 ? l[2] : undefined;
      break;
    }
  }
  if (parent !== "rules") return [];
  const range = (start: number) => ({ start: { line: pos.line, character: start }, end: { line: pos.line, character: pos.character } });
  if (m[3] !== undefined) {
    return SEVERITIES.map((s, i) => ({ label: s, kind: CompletionItemKind.EnumMember, sortText: String(i), textEdit: { range: range(pos.character - m[4]!.length), newText: s } }));
  }
  return policyRules.map((r) => ({
    label: r.id,
    kind: CompletionItemKind.Property,
    detail: `default: ${r.defaultSeverity}`,
    documentation: { kind: MarkupKind.Markdown, value: describeRule(r.id, docsBaseUrl)! },
    textEdit: { range: range(indent), newText: `${r.id}: ` },
  }));
}
