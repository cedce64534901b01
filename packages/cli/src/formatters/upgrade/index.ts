import { oneLine } from "@llmchart/core/errors";
import type { UpgradeFileResult, UpgradeFinding, UpgradeResult } from "@llmchart/core";
import pc from "picocolors";
import type { FormatterSet } from "../types.js";

// `llmchart upgrade`'s output: pure functions from the result to text, as the problem formatters.

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `server-b10900 (newer than the data: …)`: the target and how sure its facts are. */
export function targetText(result: UpgradeResult): string {
  const t = result.target;
  if (!t.secondHand) return t.tag;
  return `${t.tag} (newer than the data, which ends at b${t.newestInData}: judged with the second-hand change points up to b${t.build})`;
}

function tagText(f: UpgradeFileResult): string {
  const move = `${f.tag.before ?? "(no tag)"} → ${f.tag.after}`;
  if (f.tag.where === "values") return `${move} (image.tag, ${f.tag.line}:${f.tag.column})`;
  if (f.tag.where === "config") return `${move} (images.server.tag of ${f.tag.file})`;
  return `${move} (a digest pins the image)`;
}

function counts(findings: readonly UpgradeFinding[]): Record<UpgradeFinding["severity"], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function rewrites(result: UpgradeResult): number {
  return result.files.reduce((n, f) => n + f.findings.filter((x) => x.rewrite).length, 0);
}

function summaryLines(result: UpgradeResult, written: boolean): string[] {
  const all = result.files.flatMap((f) => f.findings);
  const c = counts(all.filter((f) => !f.fixed));
  const fixed = all.filter((f) => f.fixed).length;
  const breaking = result.files.filter((f) => f.breaks).length;
  const tally = `${fixed ? `${fixed} rewritten, ` : ""}${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} info`;
  const lines = [breaking ? `✖ ${plural(breaking, "model")} of ${result.files.length} would break (${tally})` : `✔ no model of ${result.files.length} breaks (${tally})`];
  const n = rewrites(result);
  if (written) {
    const files = result.files.filter((f) => f.written).map((f) => f.file);
    if (result.config?.written) files.push(result.config.file);
    lines.push(`  wrote ${files.length ? files.join(", ") : "nothing"}`);
    if (result.renderNeeded) lines.push(`  ${result.config!.file} now pins ${result.config!.after}: run \`llmchart render\` so the chart's values.yaml follows`);
  } else if (n || result.files.some((f) => f.tag.where !== "digest")) {
    lines.push(`  --write applies ${plural(n, "safe rewrite")} and bumps the tag${result.config ? ` (images.server.tag in ${result.config.file} for the files that take it from there)` : ""}`);
  }
  return lines;
}

/** Grouped by values file: the build move, then one `line:col  severity  message  kind` row per finding (and what `--write` does about it). */
export function formatUpgradeStylish(result: UpgradeResult, options: { color: boolean; written: boolean }): string {
  const c = pc.createColors(options.color);
  const lines = [`Upgrade to ${targetText(result)}`, ""];
  for (const f of result.files) {
    lines.push(`${c.underline(oneLine(f.file))}  ${tagText(f)}`);
    const posWidth = Math.max(0, ...f.findings.map((x) => `${x.line}:${x.column}`.length));
    for (const x of f.findings) {
      const sevText = x.severity.padEnd(7);
      const sev = x.severity === "error" ? c.red(sevText) : x.severity === "warning" ? c.yellow(sevText) : c.blue(sevText);
      lines.push(`  ${c.dim(`${x.line}:${x.column}`.padEnd(posWidth))}  ${sev}  ${oneLine(x.message)}  ${c.dim(x.kind === "lint" ? `lint ${x.subject}` : x.kind)}`);
      if (x.rewrite) lines.push(`  ${" ".repeat(posWidth)}  ${c.green(`↳ ${x.fixed ? "rewritten" : "--write"}: ${oneLine(x.rewrite.description)}`)}`);
    }
    if (!f.findings.length) lines.push(`  ${c.dim("nothing changes that this file depends on")}`);
    lines.push("");
  }
  const [head = "", ...rest] = summaryLines(result, options.written);
  lines.push(result.files.some((f) => f.breaks) ? c.red(c.bold(head)) : c.green(head), ...rest.map((l) => c.dim(l)));
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, "\\|");
}

const ICON: Record<UpgradeFinding["severity"], string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" };

/** For a pull request: a table of models and their verdicts, then one table of findings per model. */
export function formatUpgradeMarkdown(result: UpgradeResult, options: { written: boolean }): string {
  const out = [`### llmchart upgrade to \`${result.target.tag}\``, ""];
  if (result.target.secondHand) out.push(`> ${cell(targetText(result))}`, "");
  out.push("| Model | Build | Verdict |", "| --- | --- | --- |");
  for (const f of result.files) {
    const c = counts(f.findings);
    const verdict = f.breaks ? `❌ breaks (${plural(c.error, "error")})` : c.warning ? `⚠️ ${plural(c.warning, "warning")}` : "✅ nothing breaks";
    out.push(`| ${cell(f.model)} | \`${cell(f.from.tag ?? "?")}\` → \`${cell(f.to.tag ?? "?")}\` | ${verdict} |`);
  }
  for (const f of result.files) {
    if (!f.findings.length) continue;
    out.push("", `#### ${cell(f.model)} (\`${cell(f.file)}\`)`, "", "| | Where | What | `--write` |", "| --- | --- | --- | --- |");
    for (const x of f.findings) {
      const where = x.kind === "default-changed" ? "default" : x.path ? `${x.line}:${x.column} \`${cell(x.path)}\`` : `${x.line}:${x.column}`;
      const fix = x.rewrite ? `${x.fixed ? "rewritten: " : ""}${cell(x.rewrite.description)}` : "";
      out.push(`| ${ICON[x.severity]} | ${where} | ${cell(x.message)} | ${fix} |`);
    }
  }
  out.push("", ...summaryLines(result, options.written).map((l) => l.trim()));
  return `${out.join("\n")}\n`;
}

/** The result as it is (one JSON document). */
export function formatUpgradeJson(result: UpgradeResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export type UpgradeFormatName = "stylish" | "json" | "markdown";

export interface UpgradeFormatContext {
  /** Colour escapes allowed (stylish only). */
  color: boolean;
  /** The files were rewritten (`--write`): the summary says what was done, not what would be. */
  written: boolean;
}

/** `llmchart upgrade --format`: the text of an upgrade result. */
export const upgradeFormatters: FormatterSet<UpgradeFormatName, UpgradeResult, UpgradeFormatContext> = {
  names: ["stylish", "json", "markdown"],
  load(name) {
    switch (name) {
      case "stylish":
        return Promise.resolve(formatUpgradeStylish);
      case "json":
        return Promise.resolve((result: UpgradeResult) => formatUpgradeJson(result));
      case "markdown":
        return Promise.resolve(formatUpgradeMarkdown);
    }
  },
};
