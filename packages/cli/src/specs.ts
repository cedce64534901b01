// One definition per command: its options (what parses the arguments), its help text, its
// examples and exit codes. Pure data, loaded with the entry point (run.ts lists the summaries);
// a command imports its own and parses with it. test/help.test.ts holds them to what the
// commands do.
import { defineCommand } from "./command-spec.js";
import { FORMAT_NAMES } from "./formatters/index.js";

const FORMATS = FORMAT_NAMES.join(" | ");
const CONFIG = { type: "string", short: "c", value: "<file>", description: "config file (default: the nearest llmchart.config.yaml)" } as const;
const FORMAT = { type: "string", short: "f", default: "stylish", value: "<name>", description: `${FORMATS} (default: stylish)` } as const;
const MAX_WARNINGS = { type: "string", value: "<n>", description: "exit 1 when there are more than n warnings" } as const;
const QUIET = { type: "boolean", short: "q", default: false, description: "report errors only" } as const;
const JOBS = { type: "string", short: "j", value: "<n>", description: "helm renders in parallel (default: number of CPUs)" } as const;

/** The arguments the installed git hook passes to llmchart (`hook install` writes them; its help quotes them). */
export const HOOK_CHECK_ARGS = ["check", "--staged", "--changed", "--format", "compact"] as const;

/** The annotation `rotate` bumps unless --key names another (the seed's). */
export const ROLLOUT_ANNOTATION = "config/refresh";

export const initSpec = defineCommand({
  name: "init",
  summary: "adopt the chart, values and Applications already in this repository: infer llmchart.config.yaml",
  usage: ["init [--dry-run]"],
  description: `Adopts the layout already in this repository: infers llmchart.config.yaml from what is there —
the chart folder (Chart.yaml, values.yaml), the values files and the hand-written Argo CD
Applications (project, repoURL, targetRevision, destination, sync policy; what differs for one
model becomes that model's override) — and writes it, one line per decision. Then it takes over
the hand-written files render produces (the chart, the Applications), printing for each what
changes in it; they keep their line endings. Never overwrites an existing config.`,
  options: {
    "dry-run": { type: "boolean", default: false, description: "print what would be inferred and taken over; write nothing" },
  },
  allowPositionals: false,
  examples: [
    { command: "init --dry-run", does: "show what the config would say and which files render would take over" },
    { command: "init", does: "write llmchart.config.yaml and take the chart and Applications over" },
  ],
  exitCodes: {
    0: "adopted",
    1: "render found problems after the config was written",
    2: "usage error, a config exists already, a file to take over is read-only, or the layout cannot be read",
  },
});

export const lintSpec = defineCommand({
  name: "lint",
  summary: "validate values files (schema and policy rules)",
  usage: ["lint [options] [files...]"],
  description: `Validate values files against the values schema and the policy rules, judged on the
effective values (the chart's values.yaml merged with each file as Helm merges them).
Without files, lints every values file of the layout in llmchart.config.yaml (found from the
working directory upwards to the repository root, or given with -c).`,
  options: {
    config: CONFIG,
    format: FORMAT,
    fix: { type: "boolean", default: false, description: "apply safe fixes (-m path, --port, loopback --host) to the files, keeping comments and quoting; prints one line per change" },
    "max-warnings": MAX_WARNINGS,
    quiet: QUIET,
  },
  allowPositionals: true,
  notes: `Silence a rule in a values file with "# llmchart-disable-next-line <rule-id>" above the
line, or "# llmchart-disable <rule-id>" anywhere for the whole file. Rules: docs/rules/.`,
  examples: [
    { command: "lint", does: "lint every values file of the layout" },
    { command: "lint --fix infra/apps/llm/values/phi2.yaml", does: "apply the safe fixes to one file" },
    { command: "lint -f sarif > lint.sarif", does: "SARIF 2.1.0 for code scanning" },
  ],
  exitCodes: {
    0: "no errors",
    1: "errors found (or too many warnings)",
    2: "usage error, unreadable input, or a file --fix may not write (read-only, outside the repository)",
  },
});

export const checkSpec = defineCommand({
  name: "check",
  summary: "everything CI and pre-commit need: lint, render --check, helm template + manifest schemas",
  usage: ["check [options] [files...]"],
  description: `The one command for CI and pre-commit: schema and policy lint of every values file, render
--check of the chart and the Argo CD Applications, then \`helm template\` of every model (with the
release name and namespace Argo CD uses) and validation of every rendered manifest and every
Application against the Kubernetes and Argo CD schemas. With files (what the pre-commit
framework passes), only what those files affect: a values file → its model; the chart, the
config or the schemas → every model.`,
  options: {
    staged: { type: "boolean", default: false, description: "judge the staged content (the index), not the working tree — what a commit will contain (the pre-commit hook)" },
    changed: {
      type: "boolean",
      default: false,
      description:
        "only what the changed files affect (with --staged: the staged ones); a capacity finding in an untouched model that was there before the change is context (info, not the exit code), see docs/guarantees.md",
    },
    since: { type: "string", value: "<rev>", description: "only what changed since a git revision (pull requests)" },
    "require-helm": { type: "boolean", default: false, description: "fail (exit 2) when no helm is found instead of skipping the render stage" },
    "allow-no-helm": { type: "boolean", default: false, description: "with CI set, skip the render stage when no helm is found (else exit 2)" },
    "no-cache": { type: "boolean", default: false, description: "do everything again, even what has a fresh cached result" },
    jobs: { ...JOBS, description: "models rendered in parallel (default: number of CPUs)" },
    config: CONFIG,
    format: FORMAT,
    "max-warnings": MAX_WARNINGS,
    quiet: QUIET,
  },
  allowPositionals: true,
  notes: `Helm is taken from LLMCHART_HELM, HELM_BIN or PATH. Results (helm renders and their manifest
problems, lint problems, generated files) are cached in .llmchart-cache/ (LLMCHART_CACHE_DIR to
move it), keyed by the content of everything they depend on; about once a day, entries unused
for 30 days and the least recently used beyond 256 MiB are removed.`,
  examples: [
    { command: "check", does: "everything, for every model" },
    { command: "check --staged --changed --format compact", does: "what a commit contains (the git hook)" },
    { command: "check --since origin/main --require-helm -f github", does: "a pull request in CI, as workflow annotations" },
  ],
  exitCodes: {
    0: "no errors",
    1: "errors found (or too many warnings)",
    2: "usage error, unreadable input or (--require-helm, or in CI) no helm",
  },
});

export const renderSpec = defineCommand({
  name: "render",
  summary: "regenerate the chart and the Argo CD Applications (--check: report drift, write nothing)",
  usage: ["render [options]"],
  description: `Regenerates what llmchart.config.yaml describes: the Helm chart from its Handlebars templates
and the values schema, and one Argo CD Application per values file. Files that are up to date
are not touched; generated files that are no longer produced are deleted. A file without the
generated header is a person's: render never overwrites or deletes it, and reports it instead.
Files follow the repository's line endings; a read-only file is never replaced (nothing is
written then).`,
  options: {
    config: CONFIG,
    check: { type: "boolean", default: false, description: "write nothing: report missing, changed and stale files; exit 1 on drift" },
    adopt: { type: "string", multiple: true, value: "<file>", description: "take over a hand-written file at a generated path (repeatable): prints what changes in it, then replaces it with the generated version" },
    format: { ...FORMAT, description: `${FORMATS} (default: stylish), for problems and drift` },
  },
  allowPositionals: false,
  examples: [
    { command: "render", does: "regenerate the chart and the Applications" },
    { command: "render --check -f github", does: "in CI: drift as workflow annotations, nothing written" },
    { command: "render --adopt infra/apps/llm/argocd/llm-phi2.yaml", does: "take over a hand-written Application" },
  ],
  exitCodes: {
    0: "up to date (or written)",
    1: "drift (--check), problems in the config, or a hand-written file in the way",
    2: "usage error, unreadable config, or a file render may not write (read-only, outside the repository)",
  },
});

export const diffSpec = defineCommand({
  name: "diff",
  summary: "preview what a change does to the cluster, per model and object, with its rollout risks (offline, helm + git)",
  usage: ["diff [options] [model...]"],
  description: `An offline preview of what a change does to the cluster: the base revision's chart, values and
config and the working tree are both rendered with helm, per model, and compared object by
object (key order and formatting are not differences). Each change carries its rollout risks:
immutable-field, pod-restart, downtime, endpoint-change, volume-loss, scheduling-change, and
server-build when the server image moves to another build (what llmchart upgrade reports).
A change to llmchart.config.yaml or the chart that render has not applied yet is compared as
render will produce it, with one line saying render must run (stale Argo CD Applications too).`,
  options: {
    base: { type: "string", value: "<rev>", description: "git revision to compare with (default: HEAD when the working tree has changes, else the merge-base with the upstream branch)" },
    format: { type: "string", short: "f", default: "stylish", value: "<name>", description: "stylish | markdown | json (default: stylish)" },
    "exit-code": { type: "boolean", default: false, description: "exit 1 when anything changed or render has not run (like git diff --exit-code)" },
    "fail-on": { type: "string", value: "<risk,...>", description: "exit 1 when one of these risks is present" },
    ignore: { type: "string", multiple: true, value: "<pattern>", description: "also ignore [Kind:]path (repeatable; the config's diff.ignore applies too)" },
    jobs: JOBS,
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "diff", does: "what the working tree changes, every model" },
    { command: "diff --base origin/main -f markdown phi2", does: "one model against main, for a pull request comment" },
    { command: "diff --fail-on downtime,volume-loss", does: "fail CI on a change that takes a model down or loses its volume" },
  ],
  exitCodes: {
    0: "by default, whatever changed",
    1: "with --exit-code: something changed; with --fail-on: one of those risks is present",
    2: "usage error, unknown revision or no helm",
  },
});

export const capacitySpec = defineCommand({
  name: "capacity",
  summary: "what each model needs (memory estimate itemised) and whether the models fit on the node pools",
  usage: ["capacity [options] [model...]"],
  description: `Will these models fit, and what do they need? For every model: requests and limits, the memory
estimate itemised (weights, KV cache, prompt cache, headroom — the same estimate the
memory-headroom rule uses), threads against the CPU limit, the node pools its nodeSelector,
affinity and tolerations allow, download and start-up time. With capacity.nodePools in the
config, the models are packed first-fit decreasing onto the nodes (replicas and the rolling
update's surge pod included), and each gets fits: true|false with the reason.`,
  options: {
    format: { type: "string", short: "f", default: "table", value: "<name>", description: "table | json | markdown | svg | html (default: table)" },
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "capacity", does: "every model against the node pools, as tables" },
    { command: "capacity -f html > capacity.html", does: "the same as a page with pictures" },
    { command: "capacity mistral7b -f json", does: "one model, machine-readable" },
  ],
  exitCodes: {
    0: "everything fits",
    1: "a model does not fit or its memory limit is below the estimate",
    2: "usage error (an unknown model, a bad format) or unreadable input",
  },
});

export const newSpec = defineCommand({
  name: "new",
  summary: "add a model: a values file with computed defaults, then render its Application",
  usage: ["new <model> --repo-id <org/repo> --file <name.gguf> [options]"],
  description: `Adds a model: writes <values folder>/<model>.yaml with computed defaults (its modeline points
at the values schema of this repository, its line endings follow the values files beside it),
then renders, so its Argo CD Application appears. Never overwrites an existing model.`,
  options: {
    "repo-id": { type: "string", value: "<org/repo>", description: "Hugging Face repository of the GGUF file (required)" },
    file: { type: "string", value: "<name.gguf>", description: "GGUF file name in that repository (required)" },
    cpu: {
      type: "string",
      value: "<n>",
      description:
        "CPU request and limit in whole cores; threads (-t) = this (default: 4). With node pools configured, more than the largest allocatable CPU of a pool the model may use is an error (exit 1) naming the most that fits",
    },
    memory: {
      type: "string",
      value: "<quantity>",
      description:
        "memory limit and request (default: the memory estimate lint makes — model file + KV cache and compute buffers for the context + prompt cache + headroom, from the lock file when the file is pinned — rounded up to Gi)",
    },
    ctx: { type: "string", value: "<n>", description: "context size -c (default: 4096, or the model's training context when smaller)" },
    "cache-ram": { type: "string", value: "<MiB>", description: "prompt cache --cache-ram (default: 1024; the server's own default is 8192)" },
    sha256: { type: "string", value: "<hex>", description: "expected SHA-256 of the file (64 lowercase hex)" },
    "download-url": { type: "string", value: "<url>", description: "exact https download URL (the file is still saved as --file)" },
    "no-render": { type: "boolean", default: false, description: "write the values file only" },
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "new qwen7b --repo-id Qwen/Qwen2.5-7B-Instruct-GGUF --file qwen2.5-7b-instruct-q4_k_m.gguf", does: "add a model with computed CPU, memory and context" },
    { command: "new phi3 --repo-id microsoft/Phi-3-mini-4k-instruct-gguf --file Phi-3-mini-4k-instruct-q4.gguf --cpu 2 --memory 6Gi", does: "choose the resources yourself" },
  ],
  exitCodes: {
    0: "created (and its Application rendered)",
    1: "the new values would have errors (nothing written), or the render after it failed (the file removed again)",
    2: "usage error (a bad model name, --repo-id or --file missing), the model exists already, unreadable config, or a refused write",
  },
});

export const rotateSpec = defineCommand({
  name: "rotate",
  summary: "bump the rollout annotation so Argo CD rolls the pods after a Secret changed",
  usage: ["rotate <model...> | --all [--key <annotation>] [--value <text>]"],
  description: `After a Secret changed (e.g. hf-token), bump the rollout annotation in the models' values files
so Argo CD derives a new pod template and rolls the pods. Comments, BOM, line endings and file
mode are kept; a read-only file is refused, and then no file is changed.`,
  options: {
    all: { type: "boolean", default: false, description: "every model of the layout" },
    key: { type: "string", default: ROLLOUT_ANNOTATION, value: "<name>", description: `annotation to bump (default: ${ROLLOUT_ANNOTATION})` },
    value: { type: "string", value: "<text>", description: "value to set (default: the current UTC time, e.g. 2026-11-27T10-15-00Z)" },
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "rotate --all", does: "roll every model's pods (after the hf-token Secret changed)" },
    { command: "rotate phi2 mistral7b --value 2026-12-01", does: "roll two models, with a value you choose" },
  ],
  exitCodes: {
    0: "rotated (or already at that value: nothing to roll)",
    2: "usage error, an unknown model, or a file that cannot be edited (YAML errors, read-only, outside the repository): no file changed",
  },
});

export const lspSpec = defineCommand({
  name: "lsp",
  summary: "language server for editors (--stdio): diagnostics, quick fixes, hovers, completion",
  usage: ["lsp --stdio"],
  description: `Runs the llmchart language server on stdin/stdout for editors: diagnostics for values files and
llmchart.config.yaml as you type (the same pipeline as \`llmchart lint\`, each linked to its rule's
page), quick fixes, hovers on llama-server flags and quantities, completion of flags and values
keys. Setup for VS Code, Neovim and Helix: docs/editors.md.`,
  options: {
    stdio: { type: "boolean", default: false, description: "talk LSP over stdin and stdout (required: the only transport)" },
  },
  allowPositionals: false,
  examples: [{ command: "lsp --stdio", does: "what an editor runs (see docs/editors.md)" }],
  exitCodes: {
    0: "the editor shut the server down (shutdown, then exit)",
    1: "the editor closed the connection without shutting the server down",
    2: "usage error (no --stdio)",
  },
});

export const hookSpec = defineCommand({
  name: "hook",
  summary: "install or remove the git pre-commit hook (runs check on what a commit stages)",
  usage: ["hook install [--force]", "hook uninstall"],
  description: `Installs a git pre-commit hook that runs \`llmchart ${HOOK_CHECK_ARGS.join(" ")}\`: a commit is
judged by what it stages, and one that breaks the LLM layout is rejected with file:line:col. A
capacity finding in a model the commit does not change, that was there before it, is shown as
context (info) and does not refuse the commit; one the commit caused is judged; a change to the
config (node pools), the chart or the schemas judges every model. An
existing hook that llmchart did not install is never overwritten without --force, and never
removed. (With the pre-commit framework, use the hook in .pre-commit-hooks.yaml instead.)`,
  options: {
    force: { type: "boolean", default: false, description: "install over a pre-commit hook llmchart did not install" },
  },
  allowPositionals: true,
  examples: [
    { command: "hook install", does: "check every commit from now on (bypass once: git commit --no-verify)" },
    { command: "hook uninstall", does: "remove the hook llmchart installed" },
  ],
  exitCodes: {
    0: "installed or removed (or there was nothing to remove)",
    1: "a pre-commit hook llmchart did not install is in the way (install without --force, or uninstall)",
    2: "usage error, not inside a git repository, or the hook file is read-only",
  },
});

export const upgradeSpec = defineCommand({
  name: "upgrade",
  summary: "what moving the server image to another llama.cpp build changes per model (--write: apply the safe rewrites, bump the tag)",
  usage: ["upgrade --to <build> [options] [files...]"],
  description: `What moving the llama-server image to another build does to each values file (or the files
given), judged with the flag data of both builds: flags and LLAMA_ARG_* variables the new build
rejects or no longer reads (error) or deprecates (warning, naming its replacement), values it
reads differently (a bare -fa takes a value from b6325), defaults the file leaves to the server
that change (-c, -np, --cache-ram, --timeout, --jinja, flash attention, --load-mode) with their
effect on the memory estimate, computed for both builds, and whatever else the lint of the
upgraded file reports. Without --write nothing is written.`,
  options: {
    to: {
      type: "string",
      value: "<build>",
      description: "the build to move to: b10900, 10900 or server-b10900 (required); a build newer than the flag data is judged with its second-hand change points, and says so",
    },
    write: {
      type: "boolean",
      default: false,
      description:
        "apply the safe rewrites (a removed flag with a one-to-one replacement, -fa → -fa on, and — when the new defaults would exceed resources.limits.memory — the current build's -c / --cache-ram), keeping comments and quoting; then bump the tag: image.tag in a values file that pins one, else images.server.tag in llmchart.config.yaml (run render after that). Every file is checked before the first is written; a read-only one is refused and nothing is written",
    },
    format: { type: "string", short: "f", default: "stylish", value: "<name>", description: "stylish | json | markdown (default: stylish; markdown for a pull request)" },
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "upgrade --to b10900", does: "what would change, for every model" },
    { command: "upgrade --to server-b10900 --write", does: "apply the safe rewrites and bump the tags" },
    { command: "upgrade --to 10900 -f markdown infra/apps/llm/values/phi2.yaml", does: "one model, as a pull-request comment" },
  ],
  exitCodes: {
    0: "nothing breaks",
    1: "the upgrade would break a model (after --write: what it could not rewrite)",
    2: "usage error, bad config or unreadable input",
  },
});

export const modelsSpec = defineCommand({
  name: "models",
  summary: "pin each model file's size, SHA256 and GGUF header facts in llmchart.lock.yaml (models pin)",
  usage: ["models pin [options] [model...]"],
  description: `Pins each model's file: reads its size, SHA256 and GGUF header (architecture, layers, attention
heads per layer, key/value widths, sliding window, experts, vocabulary, training context) and
records them in llmchart.lock.yaml beside the config, one entry per repoId + filename, with where
and when it was read. Then fills an empty model.sha256 in the values file. Lint, check, capacity,
diff and the editor read the lock and never touch the network; a model not in the lock is
estimated from its file name.

Over HTTP only the header is read, with range requests (the Hub's resolve URL, or
model.downloadUrl), within 40 MiB and 60 s per model; the SHA256 and size come from the Hub's
X-Linked-Etag / X-Linked-Size. Gated repositories need HF_TOKEN in the environment (sent as a
bearer token, never printed). HF_ENDPOINT points at another Hub. Split models
(-00001-of-0000N.gguf) are refused: the chart downloads one file.`,
  options: {
    offline: { type: "boolean", default: false, description: "read a local copy (with --file) instead of the network" },
    file: { type: "string", value: "<path.gguf>", description: "the local copy to pin, for the one model named; its SHA256 is computed" },
    config: CONFIG,
  },
  allowPositionals: true,
  examples: [
    { command: "models pin", does: "pin every model of the layout (reads each file's header over HTTP)" },
    { command: "models pin phi2", does: "pin one model" },
    { command: "models pin --offline --file ./phi-2.Q4_K_M.gguf phi2", does: "pin one model from a downloaded copy" },
  ],
  exitCodes: {
    0: "every model pinned",
    1: "a model could not be read (the others are still pinned)",
    2: "usage error or unreadable input",
  },
});

/** Every command's definition, in the order `llmchart --help` lists them. */
export const specs = {
  init: initSpec,
  lint: lintSpec,
  check: checkSpec,
  render: renderSpec,
  diff: diffSpec,
  capacity: capacitySpec,
  new: newSpec,
  models: modelsSpec,
  upgrade: upgradeSpec,
  rotate: rotateSpec,
  lsp: lspSpec,
  hook: hookSpec,
} as const;
