import { diffProject, parseRiskIds, UsageError } from "@llmchart/core";
import { DiffError } from "@llmchart/core/errors";
import { availableParallelism } from "node:os";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { projectOf } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { diffFormatters } from "../formatters/diff/index.js";
import { selectFormatter } from "../formatters/select.js";
import { diffSpec } from "../specs.js";

export async function diff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(diffSpec, argv);
  if (values.help) {
    io.stdout(helpText(diffSpec));
    return 0;
  }
  const format = values.format;
  const formatter = await selectFormatter(diffFormatters, format);
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a positive integer, got "${values.jobs}"`);
  const lib = await import("@llmchart/diff");
  let failOn: ReturnType<typeof parseRiskIds> | undefined;
  try {
    failOn = values["fail-on"] === undefined ? undefined : parseRiskIds(values["fail-on"]);
  } catch (err) {
    if (err instanceof DiffError) throw new UsageError(err.message);
    throw err;
  }
  const project = projectOf(io, values.config);
  const notices: string[] = [];
  let result;
  try {
    result = await diffProject({ project, env: io.env, jobs, notices, models: positionals, ...(values.base !== undefined ? { base: values.base } : {}), ...(values.ignore ? { ignore: values.ignore } : {}) });
  } catch (err) {
    if (err instanceof DiffError) {
      io.stderr(`llmchart diff: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  for (const n of notices) io.stderr(`llmchart: warning: ${n}\n`);
  for (const line of lib.diffErrors(result)) io.stderr(`llmchart diff: ${line}\n`);
  // The JSON output is one array of objects; the note that render must run goes to stderr there.
  if (result.renderPending && format === "json") io.stderr(`llmchart diff: ${result.renderPending.message}\n`);
  io.stdout(formatter(result, { color: useColor(io) }));
  return lib.diffExitCode(result, { exitCode: values["exit-code"], ...(failOn ? { failOn } : {}) });
}
