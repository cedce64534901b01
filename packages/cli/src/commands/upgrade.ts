import { oneLine, parseBuildArgument, upgradeLayout, UsageError } from "@llmchart/core";
import { helpText, parseCommand } from "../command-spec.js";
import { selectFormatter } from "../formatters/select.js";
import { upgradeFormatters } from "../formatters/upgrade/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";
import { upgradeSpec } from "../specs.js";

export async function upgrade(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(upgradeSpec, argv);
  if (values.help) {
    io.stdout(helpText(upgradeSpec));
    return 0;
  }
  const formatter = await selectFormatter(upgradeFormatters, values.format);
  if (values.to === undefined) throw new UsageError("--to <build> is required (e.g. --to b10900)");
  const to = parseBuildArgument(values.to);
  const project = projectOf(io, values.config);
  const result = await upgradeLayout({ project, to, files: positionals, write: values.write });
  // Files that cannot be read or parsed go to stderr, one line each, as lint reports them.
  for (const p of result.problems) io.stderr(`llmchart: ${oneLine(p.file)}:${p.line}:${p.column}: ${oneLine(p.message)}\n`);
  io.stdout(formatter(result, { color: useColor(io), written: values.write }));
  if (result.problems.some((p) => p.severity === "error")) return 2;
  return result.files.some((f) => f.breaks) ? 1 : 0;
}
