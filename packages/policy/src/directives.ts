import { formatMessage, problemAt, type MessageData, type Problem, type SourceFile } from "@llmchart/schema";
import { visit } from "yaml";
import unusedDisable from "./rules/unused-disable.js";

/**
 * A suppression comment:
 * - `# llmchart-disable-next-line <rule-id>[, <rule-id>…] [-- reason]` silences problems that start on the next line;
 * - `# llmchart-disable <rule-id>… [-- reason]` silences them in the whole file.
 * Without rule ids it silences every policy rule.
 */
export interface Directive {
  kind: "next-line" | "file";
  /** 1-based line of the comment. */
  line: number;
  /** Offsets of the comment text (from `#`). */
  range: [number, number];
  ruleIds: { id: string; range: [number, number] }[];
}

const DIRECTIVE = /(^|[ \t])(#[ \t]*llmchart-(disable-next-line|disable)(?![\w-])([^\n\r]*))/gm;

/** The suppression comments of a file. A `#` inside a quoted or block scalar is not a comment. */
export function parseDirectives(source: SourceFile): Directive[] {
  // Most files have none: skip walking every scalar of the document for them.
  if (!source.text.includes("llmchart-disable")) return [];
  const scalars: [number, number][] = [];
  visit(source.doc, {
    Scalar(_key, node) {
      if (node.range) scalars.push([node.range[0], node.range[1]]);
    },
  });
  const out: Directive[] = [];
  for (const m of source.text.matchAll(DIRECTIVE)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (scalars.some(([s, e]) => start >= s && start < e)) continue;
    const body = m[4] ?? "";
    const bodyStart = start + (m[2]!.length - body.length);
    const reason = body.indexOf("--");
    const list = reason >= 0 ? body.slice(0, reason) : body;
    const ruleIds: Directive["ruleIds"] = [];
    for (const id of list.matchAll(/[^\s,]+/g)) {
      const s = bodyStart + (id.index ?? 0);
      ruleIds.push({ id: id[0], range: [s, s + id[0].length] });
    }
    out.push({
      kind: m[3] === "disable" ? "file" : "next-line",
      line: source.lineCounter.linePos(start).line,
      range: [start, start + m[2]!.length],
      ruleIds,
    });
  }
  return out;
}

export interface DirectiveOutcome {
  /** The problems no directive suppressed. */
  kept: Problem[];
  /** Warnings for directives (or rule ids in them) that suppressed nothing. */
  unused: Problem[];
}

/**
 * Applies the suppression comments of `source` to `problems` (policy problems of that file)
 * and reports every directive entry that suppressed nothing as `unused-disable`.
 * `isPolicyRule` tells known rule ids from typos; schema/YAML ids are explained, not honoured.
 * `skipped` names the rules that did not judge this file (a value they need is invalid): whether a
 * directive for them suppresses anything cannot be told, so it is not reported.
 */
export function applyDirectives(
  source: SourceFile,
  problems: readonly Problem[],
  options: DirectiveOptions,
): DirectiveOutcome {
  const directives = parseDirectives(source);
  if (directives.length === 0) return { kept: [...problems], unused: [] };
  const { kept, used } = suppress(problems, directives);
  if (options.unusedSeverity === "off") return { kept, unused: [] };
  return { kept, unused: unusedEntries(source, directives, used, options, options.unusedSeverity) };
}

export interface DirectiveOptions {
  isPolicyRule(id: string): boolean;
  suggest(id: string): string | undefined;
  unusedSeverity: Problem["severity"] | "off";
  skipped?: ReadonlySet<string>;
}

/** The key of one directive entry in the `used` set: the directive's offset and the rule id (`*` for "every rule"). */
const entryKey = (d: Directive, id: string) => `${d.range[0]}:${id}`;

/** The problems no directive suppresses, and the directive entries that suppressed something. */
function suppress(problems: readonly Problem[], directives: readonly Directive[]): { kept: Problem[]; used: Set<string> } {
  const used = new Set<string>();
  const kept: Problem[] = [];
  for (const p of problems) {
    let suppressed = false;
    for (const d of directives) {
      if (d.kind === "next-line" && p.line !== d.line + 1) continue;
      if (d.ruleIds.length === 0) {
        used.add(entryKey(d, "*"));
        suppressed = true;
      } else if (d.ruleIds.some((r) => r.id === p.ruleId)) {
        used.add(entryKey(d, p.ruleId));
        suppressed = true;
      }
    }
    if (!suppressed) kept.push(p);
  }
  return { kept, used };
}

/** `unused-disable` problems: each directive entry that suppressed nothing, said why (a typo, a schema id, nothing there). */
function unusedEntries(source: SourceFile, directives: readonly Directive[], used: ReadonlySet<string>, options: DirectiveOptions, severity: Problem["severity"]): Problem[] {
  const unused: Problem[] = [];
  const fileSilencesUnused = directives.some((d) => d.kind === "file" && d.ruleIds.some((r) => r.id === "unused-disable"));
  const skipped = options.skipped ?? new Set<string>();
  const what = (d: Directive) => (d.kind === "file" ? "llmchart-disable" : "llmchart-disable-next-line");
  const report = (range: [number, number], messageId: string, data: MessageData) =>
    unused.push(
      problemAt(source, range, {
        ruleId: unusedDisable.id,
        severity,
        message: formatMessage(unusedDisable.messages[messageId]!, data),
        messageId,
        path: "",
      }),
    );
  for (const d of directives) {
    if (d.ruleIds.length === 0) {
      if (!used.has(entryKey(d, "*")) && !fileSilencesUnused && !skipped.size) report(d.range, "suppressesNothing", { directive: what(d) });
      continue;
    }
    for (const r of d.ruleIds) {
      if (r.id === "unused-disable" && d.kind === "file") continue;
      if (used.has(entryKey(d, r.id)) || fileSilencesUnused || skipped.has(r.id)) continue;
      if (/^(schema|yaml)\//.test(r.id)) {
        report(r.range, "cannotDisable", { ruleId: r.id });
      } else if (!options.isPolicyRule(r.id)) {
        const hint = options.suggest(r.id);
        report(r.range, "unknownRule", { ruleId: r.id, directive: what(d), hint: hint ? ` — did you mean "${hint}"?` : "" });
      } else {
        report(r.range, "ruleSuppressesNothing", { directive: what(d), ruleId: r.id, where: d.kind === "file" ? "in this file" : "on the next line" });
      }
    }
  }
  return unused;
}
