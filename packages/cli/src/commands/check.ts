import { UsageError } from "@llmchart/core/errors";
import { startEarlyCheck, type EarlyCheck } from "@llmchart/core/early";
import { availableParallelism } from "node:os";
import { parseMaxWarnings } from "../args.js";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { helpText, parseCommand } from "../command-spec.js";
import { checkSpec } from "../specs.js";

type CheckValues = ReturnType<typeof parseCommand<typeof checkSpec.options>>["values"];

function parseJobs(jobs: string | undefined): number {
  const n = jobs === undefined ? availableParallelism() : Number(jobs);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs expects a positive integer, got "${jobs}"`);
  return n;
}

/**
 * git answers (unless files are given), and helm renders the changed values files, while the
 * rest of llmchart loads and the config is read (checkLayout verifies that this folder's
 * repository is the project's, and takes a render only under its own cache key).
 */
function startEarly(io: Io, values: CheckValues, positionals: string[], jobs: number): EarlyCheck | undefined {
  if (!values.changed && values.since === undefined && !positionals.length) return undefined;
  return startEarlyCheck(io.cwd, io.env, {
    ...(values.since !== undefined ? { since: values.since } : {}),
    staged: values.staged,
    noCache: values["no-cache"],
    jobs,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(positionals.length && !values.changed && values.since === undefined ? { files: positionals } : {}),
  });
}

/** A progress line on a TTY, for runs that render more than a handful of models. */
function progressLine(io: Io): { onProgress?: (done: number, total: number) => void } {
  if (!io.isTTY) return {};
  return {
    onProgress: (done, total) => {
      if (total > 5) io.stderr(`\rllmchart check: rendered ${done}/${total} models${done === total ? "\n" : ""}`);
    },
  };
}

/** Whether a missing helm is fatal: with --require-helm, or in CI (CI set) unless --allow-no-helm. */
function helmRequired(io: Io, values: CheckValues): boolean {
  const ci = io.env.CI !== undefined && io.env.CI !== "" && io.env.CI !== "false" && io.env.CI !== "0";
  return values["require-helm"] || (ci && !values["allow-no-helm"]);
}

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(checkSpec, argv);
  if (values.help) {
    io.stdout(helpText(checkSpec));
    return 0;
  }
  const jobs = parseJobs(values.jobs);
  const early = startEarly(io, values, positionals, jobs);
  const format = values.format;
  await loadFormatter(format);
  if (values["require-helm"] && values["allow-no-helm"]) throw new UsageError("give --require-helm or --allow-no-helm, not both");
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const [{ checkLayout }, { projectOf, report }] = await Promise.all([import("@llmchart/core"), import("../output.js")]);
  // check keeps a cache anyway: the checked config is remembered there too.
  const project = projectOf(io, values.config, { cache: !values["no-cache"] });
  const result = await checkLayout({
    project,
    changed: values.changed,
    ...(values.since !== undefined ? { since: values.since } : {}),
    staged: values.staged,
    files: positionals,
    env: io.env,
    noCache: values["no-cache"],
    jobs,
    ...(early?.changes ? { scan: early.changes } : {}),
    ...(early ? { early: early.renders } : {}),
    ...progressLine(io),
  });
  for (const n of result.notices) io.stderr(`llmchart: warning: ${n}\n`);
  if (result.helmMissing && result.filesChecked > 0 && helmRequired(io, values)) {
    io.stderr(`llmchart: no helm found (set LLMCHART_HELM, or put helm on PATH); ${values["require-helm"] ? "--require-helm" : "in CI (CI is set) this"} is an error — pass --allow-no-helm to skip rendering\n`);
    return 2;
  }
  if (result.scope === undefined && format === "stylish") {
    io.stdout("llmchart check: nothing under the LLM layout changed\n");
    return 0;
  }
  return report(io, result.problems, { format, rules: result.rules, filesChecked: result.filesChecked, quiet: values.quiet, docsBaseUrl: project.config.docs?.baseUrl, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
}
