import pc from "picocolors";
import type { DiffResult } from "../types.js";
import type { RiskSeverity } from "../risks.js";
import { baseLine, plural, riskCounts, showValue, shownModels } from "./shared.js";

export interface StylishOptions {
  /** Colour (the CLI passes true on a TTY without NO_COLOR). */
  color?: boolean;
}

/** For people at a terminal: grouped by model, one line per object, field and risk. */
export function formatStylish(result: DiffResult, options: StylishOptions = {}): string {
  const c = pc.createColors(options.color ?? false);
  const sev: Record<RiskSeverity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const mark = { added: c.green("+"), removed: c.red("-"), changed: c.yellow("~") };
  const lines: string[] = [c.dim(`llmchart diff: ${baseLine(result)}`)];
  if (result.renderPending) lines.push(c.yellow(result.renderPending.message));
  const models = shownModels(result);
  for (const m of models) {
    lines.push("", `${c.bold(m.model)} ${c.dim(`(release ${m.release} in ${m.namespace}, ${m.valuesFile}${m.status === "changed" ? "" : `, model ${m.status}`})`)}`);
    if (m.error) {
      lines.push(`  ${c.red("error")}  ${m.error}`);
      continue;
    }
    for (const o of m.objects) {
      lines.push(`  ${mark[o.change]} ${o.kind} ${o.name}${o.namespace !== m.namespace ? c.dim(` (namespace ${o.namespace})`) : ""}${o.change === "changed" ? "" : c.dim(` ${o.change}`)}${o.hook ? c.dim(` — ${o.hook}`) : ""}`);
      for (const f of o.fields) lines.push(`      ${f.path}: ${c.red(showValue(f.before, 100))} → ${c.green(showValue(f.after, 100))}`);
      for (const r of o.risks) lines.push(`      ${sev[r.severity](r.severity.padEnd(7))}  ${c.bold(r.id)}  ${r.message}`);
    }
  }
  const objects = models.reduce((n, m) => n + m.objects.length, 0);
  const counts = riskCounts(result);
  lines.push(
    "",
    objects || models.length
      ? `${plural(objects, "object")} changed in ${plural(models.filter((m) => m.objects.length).length, "model")}; risks: ${counts.error} error, ${plural(counts.warning, "warning")}, ${counts.info} info` +
          (result.unchanged.length ? c.dim(`; ${plural(result.unchanged.length, "model")} unchanged`) : "")
      : `no changes${result.unchanged.length ? c.dim(` (${plural(result.unchanged.length, "model")} unchanged)`) : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
