import { capacityRules } from "@llmchart/capacity/rules";
import { diffRules } from "@llmchart/diff/rules";
import { manifestRules } from "@llmchart/manifests/rules";
import { policyRules } from "@llmchart/policy";
import { schemaRules, type RuleMeta } from "@llmchart/schema";

/** Rules about llmchart.config.yaml itself. */
export const configRules: readonly RuleMeta[] = [
  { id: "config/layout-path", description: "A layout path in the config leads outside the repository.", defaultSeverity: "error" },
  { id: "config/unknown-rule", description: "`rules:` names a rule id that does not exist (or one that cannot be configured).", defaultSeverity: "error" },
  { id: "config/unknown-model", description: "A per-model override in the config names a model that has no values file.", defaultSeverity: "error" },
  { id: "config/argocd-repo-url", description: "argocd.repoURL is not set, so the Applications have no source.", defaultSeverity: "error" },
  { id: "config/defaults", description: "A chart-wide default under `defaults:` is refused by the values schema (Helm would refuse the chart's values.yaml).", defaultSeverity: "error" },
  { id: "config/node-pool", description: "A node pool under capacity.nodePools is named twice or reserves everything it has.", defaultSeverity: "error" },
  { id: "config/placeholder-repo-url", description: "argocd.repoURL is a placeholder (example.com, example.git …) that Argo CD cannot sync from.", defaultSeverity: "warning" },
];

/** Rules about the layout's files as a whole (not their content). */
export const layoutRules: readonly RuleMeta[] = [
  {
    id: "layout/model-name",
    description: "A values file name is not a valid model name (it becomes a release and resource name).",
    defaultSeverity: "error",
    help:
      "The model name is the values file's name without `.yaml`: it must be a DNS label (lowercase letters, digits and `-`, starting and ending with a letter or digit), and the release (`<releasePrefix><model>`, at most 53 characters) and resource names (`<release>-<chart>`, at most 63) it becomes must fit. `lint`, the editor, `check` and `render` all report it, from the same check, at line 1 of the file; lint still judges the file's content, render writes no Application for it.",
  },
  { id: "layout/duplicate-model", description: "Two values files name the same model (`x.yaml` next to `x.yml`); only one can own its Application.", defaultSeverity: "error" },
  { id: "io/unreadable", description: "A file of the layout cannot be read (a dangling symlink, no permission, not UTF-8, too large).", defaultSeverity: "error" },
  {
    id: "io/outside-repository",
    description: "A values or config file is a symbolic link that leads outside the repository (or into its .git folder); it is never read, so nothing of it reaches any output.",
    defaultSeverity: "error",
    help:
      "The repository is the git work tree's top folder (the project root when there is no git). A file named inside it must still be inside it once symbolic links are resolved, and not in `.git` (a clone's `.git/config` may hold a token). Otherwise lint, check (the pre-commit hook and its early start too), render, diff, rotate, capacity and the editor refuse it at line 1 of the link, without opening it, and init infers nothing from it; render and check leave that model out and go on with the others. For the config, every command stops (exit 2). The message names the link only — never its target, which may be a path in someone's home folder. A link to another file inside the repository is read as before; a file you name outside the repository on the command line is yours to read. In `check --staged` the repository is the staged copy of the layout. Replace the link with the file itself.",
  },
];

/** The ids render reports drift and refusals under. */
export const renderRules: readonly RuleMeta[] = [
  { id: "render/missing", description: "A generated file is missing; `llmchart render` writes it.", defaultSeverity: "error" },
  { id: "render/changed", description: "A generated file was edited or is out of date; `llmchart render` restores it.", defaultSeverity: "error" },
  { id: "render/stale", description: "A generated file is no longer produced; `llmchart render` deletes it.", defaultSeverity: "error" },
  { id: "render/hand-written", description: "A file without the generated header sits where render writes (or in a generated folder); render never overwrites or deletes it — `llmchart init` or `render --adopt` takes it over.", defaultSeverity: "error" },
];

/** The ids of the helm stage of `check`. */
export const helmRules: readonly RuleMeta[] = [
  { id: "helm/template", description: "`helm template` failed for a model.", defaultSeverity: "error" },
  { id: "helm/skipped", description: "No helm was found, so the render stage was skipped.", defaultSeverity: "warning" },
];

/** The page that documents a built-in rule family (`docs/rules/<family>.md#<name>`). */
function withDocs(rules: readonly RuleMeta[]): RuleMeta[] {
  // Built-in ids (family/name) are documented on their family's generated page, whatever their
  // package says; a policy rule keeps its own page.
  return rules.map((r) => {
    const [family, name] = r.id.split("/");
    if (!name) return r.docs ? r : { ...r, docs: `docs/rules/${r.id}.md` };
    return { ...r, docs: `docs/rules/${family}.md#${name}` };
  });
}

let cached: RuleMeta[] | undefined;

/**
 * Every rule id llmchart can print, each with a description and a docs page: SARIF's
 * `tool.driver.rules`, the docs index and the config's `rules:` check all read this one list.
 */
export function allRules(): readonly RuleMeta[] {
  cached ??= withDocs([...schemaRules, ...configRules, ...layoutRules, ...renderRules, ...manifestRules, ...helmRules, ...diffRules, ...capacityRules, ...policyRules]);
  return cached;
}

/** Rule ids; with `configurable`, only those whose severity `rules:` in the config may change. */
export function allRuleIds(options: { configurable?: boolean } = {}): string[] {
  // Policy and capacity findings are judgements a team may weigh differently; the rest is what
  // Helm, Argo CD or Kubernetes would refuse.
  const ids = options.configurable ? [...policyRules, ...capacityRules].map((r) => r.id) : allRules().map((r) => r.id);
  return ids;
}
