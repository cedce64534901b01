import { capacityProject, UsageError } from "@llmchart/core";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { capacitySpec } from "../specs.js";
import { capacityFormatters } from "../formatters/capacity/index.js";
import { selectFormatter } from "../formatters/select.js";

export async function capacity(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(capacitySpec, argv);
  if (values.help) {
    io.stdout(helpText(capacitySpec));
    return 0;
  }
  const cap = await import("@llmchart/capacity");
  const formatter = await selectFormatter(capacityFormatters, values.format);
  const project = projectOf(io, values.config);
  const { report: full, skipped } = await capacityProject(project);
  const { report, unknown } = cap.selectModels(full, positionals);
  if (unknown.length) throw new UsageError(`unknown model${unknown.length === 1 ? "" : "s"} ${unknown.map((m) => `"${m}"`).join(", ")} (models: ${full.models.map((m) => m.model).join(", ") || "none"})`);
  for (const f of skipped) io.stderr(`llmchart: warning: ${f} left out: it cannot be read or has schema errors (see llmchart lint)\n`);
  io.stdout(await formatter(report, { color: useColor(io) }));
  return cap.capacityExitCode(report);
}
