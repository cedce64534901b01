import { allRules, renderLayout, UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { printAdopted, printWritten, projectOf, report } from "../output.js";

export const renderHelp = `Usage: llmchart render [options]

Regenerates what llmchart.config.yaml describes: the Helm chart from its Handlebars templates
and the values schema, and one Argo CD Application per values file. Files that are up to date
are not touched; generated files that are no longer produced are deleted. A file without the
generated header is a person's: render never overwrites or deletes it, and reports it instead.

Options:
  -c, --config <file>  config file (default: the nearest llmchart.config.yaml)
      --check          write nothing: report missing, changed and stale files; exit 1 on drift
      --adopt <file>   take over a hand-written file at a generated path (repeatable): prints
                       what changes in it, then replaces it with the generated version
  -f, --format <name>  ${FORMAT_NAMES.join(" | ")} (default: stylish), for problems and drift
  -h, --help           show this help

Exit codes: 0 up to date (or written), 1 drift (--check), problems in the config or a
hand-written file in the way, 2 usage error or unreadable config.
`;

export async function render(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    allowPositionals: false,
    options: {
      config: { type: "string", short: "c" },
      check: { type: "boolean", default: false },
      adopt: { type: "string", multiple: true },
      format: { type: "string", short: "f", default: "stylish" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(renderHelp);
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
