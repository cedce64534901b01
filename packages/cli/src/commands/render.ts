import { allRules, renderLayout, UsageError } from "@llmchart/core";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { printAdopted, printWritten, projectOf, report } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { renderSpec } from "../specs.js";

export async function render(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommand(renderSpec, argv);
  if (values.help) {
    io.stdout(helpText(renderSpec));
    return 0;
  }
  const format = values.format;
  await loadFormatter(format);
  const project = projectOf(io, values.config);
  const adopt = (values.adopt ?? []).map((p) => p.replace(/^\.\//, ""));
  const result = await renderLayout({ project, check: values.check, adopt });
  const unknown = adopt.filter((p) => !result.adopted.some((a) => a.path === p) && !result.drift.some((d) => d.path === p) && !result.unchanged.includes(p));
  if (unknown.length) throw new UsageError(`--adopt ${unknown[0]}: render produces no file at that path (paths are relative to ${project.root})`);
  const stylish = format === "stylish";
  if (stylish) printAdopted(io, result.adopted, values.check ? "would adopt" : "adopted");
  if (!values.check && stylish && result.wrote) {
    printWritten(io, result);
    if (!result.problems.length) return 0;
  }
  // Machine-readable output carries problems only: what was written is not a problem.
  return report(io, result.problems, { format, rules: allRules(), filesChecked: result.files, docsBaseUrl: project.config.docs?.baseUrl });
}
