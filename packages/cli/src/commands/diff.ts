import { diffProject, UsageError } from "@llmchart/core";
import { availableParallelism } from "node:os";
import { parseCommandArgs } from "../args.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";

export const diffHelp = `Usage: llmchart diff [options] [model...]

An offline preview of what a change does to the cluster: the base revision's chart, values and
config and the working tree are both rendered with helm, per model, and compared object by
object (key order and formatting are not differences). Each change carries its rollout risks:
immutable-field, pod-restart, downtime, endpoint-change, volume-loss, scheduling-change, and
server-build when the server image moves to another build (what llmchart upgrade reports).
A change to llmchart.config.yaml or the chart that render has not applied yet is compared as
render will produce it, with one line saying render must run (stale Argo CD Applications too).

Options:
      --base <rev>          git revision to compare with (default: HEAD when the working tree
                            has changes, else the merge-base with the upstream branch)
  -f, --format <name>       stylish | markdown | json (default: stylish)
      --exit-code           exit 1 when anything changed or render has not run (like git diff
                            --exit-code)
      --fail-on <risk,...>  exit 1 when one of these risks is present
      --ignore <pattern>    also ignore [Kind:]path (repeatable; the config's diff.ignore applies too)
  -j, --jobs <n>            helm renders in parallel (default: number of CPUs)
  -c, --config <file>       config file (default: the nearest llmchart.config.yaml)
  -h, --help                show this help

Exit codes: 0 by default, 1 with --exit-code/--fail-on as above, 2 usage error, unknown
revision or no helm.
`;

const FORMATS = ["stylish", "markdown", "json"] as const;

export async function diff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: "string" },
      format: { type: "string", short: "f", default: "stylish" },
      "exit-code": { type: "boolean", default: false },
      "fail-on": { type: "string" },
      ignore: { type: "string", multiple: true },
      jobs: { type: "string", short: "j" },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(diffHelp);
    return 0;
  }
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (expected ${FORMATS.join(", ")})`);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a positive integer, got "${values.jobs}"`);
  const lib = await import("@llmchart/diff");
  let failOn: ReturnType<typeof lib.parseRiskIds> | undefined;
  try {
    failOn = values["fail-on"] === undefined ? undefined : lib.parseRiskIds(values["fail-on"]);
  } catch (err) {
    if (err instanceof lib.DiffError) throw new UsageError(err.message);
    throw err;
  }
  const project = projectOf(io, values.config);
  const notices: string[] = [];
  let result;
  try {
    result = await diffProject({ project, env: io.env, jobs, notices, models: positionals, ...(values.base !== undefined ? { base: values.base } : {}), ...(values.ignore ? { ignore: values.ignore } : {}) });
  } catch (err) {
    if (err instanceof lib.DiffError) {
      io.stderr(`llmchart diff: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  for (const n of notices) io.stderr(`llmchart: warning: ${n}\n`);
  for (const line of lib.diffErrors(result)) io.stderr(`llmchart diff: ${line}\n`);
  // The JSON output is one array of objects; the note that render must run goes to stderr there.
  if (result.renderPending && format === "json") io.stderr(`llmchart diff: ${result.renderPending.message}\n`);
  io.stdout(format === "markdown" ? lib.formatMarkdown(result) : format === "json" ? lib.formatJson(result) : lib.formatStylish(result, { color: useColor(io) }));
  return lib.diffExitCode(result, { exitCode: values["exit-code"], ...(failOn ? { failOn } : {}) });
}
