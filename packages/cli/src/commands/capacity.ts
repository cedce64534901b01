import { capacityProject, UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";

export const capacityHelp = `Usage: llmchart capacity [options] [model...]

Will these models fit, and what do they need? For every model: requests and limits, the memory
estimate itemised (weights, KV cache, prompt cache, headroom — the same estimate the
memory-headroom rule uses), threads against the CPU limit, the node pools its nodeSelector,
affinity and tolerations allow, download and start-up time. With capacity.nodePools in the
config, the models are packed first-fit decreasing onto the nodes (replicas and the rolling
update's surge pod included), and each gets fits: true|false with the reason.

Options:
  -f, --format <name>   table | json | markdown | svg | html (default: table)
  -c, --config <file>   config file (default: the nearest llmchart.config.yaml)
  -h, --help            show this help

Exit codes: 0 everything fits, 1 a model does not fit or its memory limit is below the
estimate, 2 usage error (an unknown model, a bad format) or unreadable input.
`;

export async function capacity(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f", default: "table" },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(capacityHelp);
    return 0;
  }
  const cap = await import("@llmchart/capacity");
  const format = values.format;
  if (!(cap.capacityFormats as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (expected ${cap.capacityFormats.join(", ")})`);
  const project = projectOf(io, values.config);
  const { report: full, skipped } = await capacityProject(project);
  const { report, unknown } = cap.selectModels(full, positionals);
  if (unknown.length) throw new UsageError(`unknown model${unknown.length === 1 ? "" : "s"} ${unknown.map((m) => `"${m}"`).join(", ")} (models: ${full.models.map((m) => m.model).join(", ") || "none"})`);
  for (const f of skipped) io.stderr(`llmchart: warning: ${f} left out: it cannot be read or has schema errors (see llmchart lint)\n`);
  io.stdout(await cap.formatCapacity(format as Parameters<typeof cap.formatCapacity>[0], report, { color: useColor(io) }));
  return cap.capacityExitCode(report);
}
