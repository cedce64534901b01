import { oneLine, parseBuildArgument, upgradeLayout, UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import { formatUpgradeJson, formatUpgradeMarkdown, formatUpgradeStylish } from "../formatters/upgrade.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";

const FORMATS = ["stylish", "json", "markdown"] as const;

export const upgradeHelp = `Usage: llmchart upgrade --to <build> [options] [files...]

What moving the llama-server image to another build does to each values file (or the files
given), judged with the flag data of both builds: flags and LLAMA_ARG_* variables the new build
rejects or no longer reads (error) or deprecates (warning, naming its replacement), values it
reads differently (a bare -fa takes a value from b6325), defaults the file leaves to the server
that change (-c, -np, --cache-ram, --timeout, --jinja, flash attention, --load-mode) with their
effect on the memory estimate, computed for both builds, and whatever else the lint of the
upgraded file reports. Without --write nothing is written.

Options:
      --to <build>        the build to move to: b10900, 10900 or server-b10900 (required); a
                          build newer than the flag data is judged with its second-hand change
                          points, and says so
      --write             apply the safe rewrites (a removed flag with a one-to-one replacement,
                          -fa → -fa on, and — when the new defaults would exceed
                          resources.limits.memory — the current build's -c / --cache-ram), keeping
                          comments and quoting; then bump the tag: image.tag in a values file that
                          pins one, else images.server.tag in llmchart.config.yaml (run render
                          after that). Every file is checked before the first is written; a
                          read-only one is refused and nothing is written
  -f, --format <name>     ${FORMATS.join(" | ")} (default: stylish; markdown for a pull request)
  -c, --config <file>     config file (default: the nearest llmchart.config.yaml)
  -h, --help              show this help

Examples:
  llmchart upgrade --to b10900                   what would change, for every model
  llmchart upgrade --to server-b10900 --write    apply the safe rewrites and bump the tags
  llmchart upgrade --to 10900 -f markdown infra/apps/llm/values/phi2.yaml > upgrade.md

Exit codes: 0 nothing breaks, 1 the upgrade would break a model (after --write: what it could
not rewrite), 2 usage error, bad config or unreadable input.
`;

export async function upgrade(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: "string" },
      write: { type: "boolean", default: false },
      format: { type: "string", short: "f", default: "stylish" },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(upgradeHelp);
    return 0;
  }
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (expected ${FORMATS.join(", ")})`);
  if (values.to === undefined) throw new UsageError("--to <build> is required (e.g. --to b10900)");
  const to = parseBuildArgument(values.to);
  const project = projectOf(io, values.config);
  const result = await upgradeLayout({ project, to, files: positionals, write: values.write });
  // Files that cannot be read or parsed go to stderr, one line each, as lint reports them.
  for (const p of result.problems) io.stderr(`llmchart: ${oneLine(p.file)}:${p.line}:${p.column}: ${oneLine(p.message)}\n`);
  const written = values.write;
  io.stdout(format === "json" ? formatUpgradeJson(result) : format === "markdown" ? formatUpgradeMarkdown(result, { written }) : formatUpgradeStylish(result, { color: useColor(io), written }));
  if (result.problems.some((p) => p.severity === "error")) return 2;
  return result.files.some((f) => f.breaks) ? 1 : 0;
}
