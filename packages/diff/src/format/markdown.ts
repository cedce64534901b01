import type { DiffResult, ModelDiff } from "../types.js";
import type { RiskSeverity } from "../risks.js";
import { baseLine, highestRisk, plural, risksOfModel, showValue, shownModels } from "./shared.js";

/** The hidden line the workflow finds its own earlier comment by. */
export const MARKDOWN_MARKER = "<!-- llmchart-diff -->";
/** GitHub refuses issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

const ICON: Record<RiskSeverity, string> = { error: "⛔", warning: "⚠️", info: "ℹ️" };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/\n/g, " ");
}

const code = (s: string) => `<code>${esc(s)}</code>`;

function section(m: ModelDiff, withFields: boolean): string {
  const risk = highestRisk(m);
  const summary = m.error
    ? `<b>${esc(m.model)}</b> — could not be rendered`
    : `<b>${esc(m.model)}</b> — ${plural(m.objects.length, "object")} changed${risk ? `, highest risk ${risk.id} (${risk.severity})` : ""}`;
  const out = [`<details><summary>${summary}</summary>`, "", `Release ${code(m.release)} in ${code(m.namespace)}, values ${code(m.valuesFile)}${m.status === "changed" ? "" : ` (model ${m.status})`}.`, ""];
  if (m.error) out.push(`⛔ ${esc(m.error)}`, "");
  const risks = risksOfModel(m);
  if (risks.length) {
    out.push("**Risks**", "");
    for (const r of risks) out.push(`- ${ICON[r.severity]} **${r.id}** (${r.severity}): ${esc(r.message)}`);
    out.push("");
  }
  for (const o of m.objects) {
    out.push(`**${esc(o.kind)} ${code(o.name)}** — ${o.change}${o.hook ? ` (${esc(o.hook)})` : ""}`, "");
    if (!o.fields.length) continue;
    if (!withFields) {
      out.push(`${plural(o.fields.length, "field")} changed (left out to stay under GitHub's comment limit).`, "");
      continue;
    }
    out.push("| Field | Before | After |", "| --- | --- | --- |");
    for (const f of o.fields) out.push(`| ${code(f.path)} | ${code(showValue(f.before, 200))} | ${code(showValue(f.after, 200))} |`);
    out.push("");
  }
  out.push("</details>", "", "");
  return out.join("\n");
}

/**
 * For a pull-request comment: the marker, a summary table (model, objects changed, highest risk)
 * and one collapsible section per model. Never longer than `limit` (GitHub's 65536 characters):
 * field tables are dropped first, then whole sections, with a note saying so.
 */
export function formatMarkdown(result: DiffResult, options: { limit?: number } = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const models = shownModels(result);
  const head = [MARKDOWN_MARKER, "### llmchart diff", "", `Compared with ${esc(baseLine(result))}.`, ""];
  if (result.renderPending) head.push(`⚠️ ${esc(result.renderPending.message)}`, "");
  if (!models.length) {
    head.push(`No changes to the rendered manifests${result.unchanged.length ? ` (${plural(result.unchanged.length, "model")} unchanged)` : ""}.`, "");
    return head.join("\n");
  }
  head.push("| Model | Objects changed | Highest risk |", "| --- | ---: | --- |");
  for (const m of models) {
    const r = highestRisk(m);
    head.push(`| ${esc(m.model)} | ${m.error ? "—" : m.objects.length} | ${m.error ? "⛔ render failed" : r ? `${ICON[r.severity]} ${r.id} (${r.severity})` : "none"} |`);
  }
  head.push("", "");
  let out = head.join("\n");
  const reserve = 400;
  let omitted = 0;
  let shortened = false;
  for (const m of models) {
    const full = section(m, true);
    if (!omitted && out.length + full.length + reserve <= limit) {
      out += full;
      continue;
    }
    const brief = section(m, false);
    if (!omitted && out.length + brief.length + reserve <= limit) {
      out += brief;
      shortened = true;
      continue;
    }
    omitted++;
  }
  if (omitted || shortened) {
    out += `\n> **Truncated** to stay under GitHub's ${GITHUB_COMMENT_LIMIT}-character comment limit: ${omitted ? `${plural(omitted, "model")} left out${shortened ? ", " : ""}` : ""}${shortened ? "some field tables left out" : ""}. Run \`llmchart diff\` locally for everything.\n`;
  }
  return out.length <= limit ? out : `${out.slice(0, limit - 1)}…`;
}
