import { UsageError } from "@llmchart/core/errors";
import { startEarlyCheck } from "@llmchart/core/early";
import { availableParallelism } from "node:os";
import { parseCommandArgs, parseMaxWarnings } from "../args.js";
import { FORMAT_NAMES, loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";

export const checkHelp = `Usage: llmchart check [options] [files...]

The one command for CI and pre-commit: schema and policy lint of every values file, render
--check of the chart and the Argo CD Applications, then \`helm template\` of every model (with the
release name and namespace Argo CD uses) and validation of every rendered manifest and every
Application against the Kubernetes and Argo CD schemas. With files (what the pre-commit
framework passes), only what those files affect: a values file → its model; the chart, the
config or the schemas → every model.

Options:
      --staged             judge the staged content (the index), not the working tree — what
                           a commit will contain (the pre-commit hook)
      --changed            only what the changed files affect (with --staged: the staged ones)
      --since <rev>        only what changed since a git revision (pull requests)
      --require-helm       fail (exit 2) when no helm is found instead of skipping the render stage
      --allow-no-helm      with CI set, skip the render stage when no helm is found (else exit 2)
      --no-cache           do everything again, even what has a fresh cached result
  -j, --jobs <n>           models rendered in parallel (default: number of CPUs)
  -c, --config <file>      config file (default: the nearest llmchart.config.yaml)
  -f, --format <name>      ${FORMAT_NAMES.join(" | ")} (default: stylish)
      --max-warnings <n>   exit 1 when there are more than n warnings
  -q, --quiet              report errors only
  -h, --help               show this help

Helm is taken from LLMCHART_HELM, HELM_BIN or PATH. Results (helm renders and their manifest
problems, lint problems, generated files) are cached in .llmchart-cache/ (LLMCHART_CACHE_DIR to
move it), keyed by the content of everything they depend on; about once a day, entries unused
for 30 days and the least recently used beyond 256 MiB are removed.
Exit codes: 0 no errors, 1 errors found, 2 usage error, unreadable input or (in CI) no helm.
`;

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      staged: { type: "boolean", default: false },
      changed: { type: "boolean", default: false },
      since: { type: "string" },
      "require-helm": { type: "boolean", default: false },
      "allow-no-helm": { type: "boolean", default: false },
      "no-cache": { type: "boolean", default: false },
      jobs: { type: "string", short: "j" },
      config: { type: "string", short: "c" },
      format: { type: "string", short: "f", default: "stylish" },
      "max-warnings": { type: "string" },
      quiet: { type: "boolean", short: "q", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(checkHelp);
    return 0;
  }
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a positive integer, got "${values.jobs}"`);
  // git answers (unless files are given), and helm renders the changed values files, while the
  // rest of llmchart loads and the config is read (checkLayout verifies that this folder's
  // repository is the project's, and takes a render only under its own cache key).
  const early =
    values.changed || values.since !== undefined || positionals.length
      ? startEarlyCheck(io.cwd, io.env, {
          ...(values.since !== undefined ? { since: values.since } : {}),
          staged: values.staged,
          noCache: values["no-cache"],
          jobs,
          ...(values.config !== undefined ? { configPath: values.config } : {}),
          ...(positionals.length && !values.changed && values.since === undefined ? { files: positionals } : {}),
        })
      : undefined;
  const format = values.format;
  await loadFormatter(format);
  if (values["require-helm"] && values["allow-no-helm"]) throw new UsageError("give --require-helm or --allow-no-helm, not both");
  const maxWarnings = parseMaxWarnings(values["max-warnings"]);
  const [{ checkLayout }, { projectOf, report }] = await Promise.all([import("@llmchart/core"), import("../output.js")]);
  // check keeps a cache anyway: the checked config is remembered there too.
  const project = projectOf(io, values.config, { cache: !values["no-cache"] });
  const progress = io.isTTY;
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
    ...(progress
      ? {
          onProgress: (done: number, total: number) => {
            if (total > 5) io.stderr(`\rllmchart check: rendered ${done}/${total} models${done === total ? "\n" : ""}`);
          },
        }
      : {}),
  });
  for (const n of result.notices) io.stderr(`llmchart: warning: ${n}\n`);
  const ci = io.env.CI !== undefined && io.env.CI !== "" && io.env.CI !== "false" && io.env.CI !== "0";
  if (result.helmMissing && result.filesChecked > 0 && (values["require-helm"] || (ci && !values["allow-no-helm"]))) {
    io.stderr(`llmchart: no helm found (set LLMCHART_HELM, or put helm on PATH); ${values["require-helm"] ? "--require-helm" : "in CI (CI is set) this"} is an error — pass --allow-no-helm to skip rendering\n`);
    return 2;
  }
  if (result.scope === undefined && format === "stylish") {
    io.stdout("llmchart check: nothing under the LLM layout changed\n");
    return 0;
  }
  return report(io, result.problems, { format, rules: result.rules, filesChecked: result.filesChecked, quiet: values.quiet, docsBaseUrl: project.config.docs?.baseUrl, ...(maxWarnings !== undefined ? { maxWarnings } : {}) });
}
