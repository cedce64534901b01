import { isPlaceholderRepoUrl } from "@llmchart/init";
import { bareExcerpt, checkConfig, didYouMean, excerpt, locate, MAX_NAME_EXCERPT, nodeRange, problemAt, type Problem, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { InputError, InputErrors } from "../errors.js";
import { allRuleIds } from "../rules.js";
import { resolveLayout, type Layout } from "./location.js";

/** Rule ids in `rules:` must name known, configurable rules: a typo would silently keep the default severity. */
function ruleIdProblems(source: SourceFile, config: ResolvedConfig): Problem[] {
  const known = allRuleIds({ configurable: true });
  return Object.keys(config.rules)
    .filter((id) => !known.includes(id))
    .map((id) => {
      const hint = didYouMean(id, known);
      const why = /^(schema|yaml)\//.test(id)
        ? "schema and YAML problems cannot be configured (Helm rejects those values itself)"
        : `unknown rule${hint ? ` — did you mean "${hint}"?` : " (see docs/rules/README.md)"}`;
      const loc = locate(source.doc, ["rules", id]);
      // The id is whatever the key says: shown as an excerpt (a pasted token is not shown at all).
      return problemAt(source, nodeRange(loc.keyNode ?? loc.nearest), { ruleId: "config/unknown-rule", severity: "error", message: `rules.${bareExcerpt(id, undefined, MAX_NAME_EXCERPT)}: ${why}`, path: `rules.${id}` });
    });
}

/**
 * Warnings about a config that is valid but cannot work in a cluster: a placeholder repoURL
 * (the heuristic is @llmchart/init's, which never writes one into a config it infers).
 */
function placeholderProblems(source: SourceFile, config: ResolvedConfig): Problem[] {
  const url = config.argocd.repoURL;
  if (typeof url !== "string" || !isPlaceholderRepoUrl(url)) return [];
  const loc = locate(source.doc, ["argocd", "repoURL"]);
  return [
    problemAt(source, nodeRange(loc.node ?? loc.keyNode ?? loc.nearest), {
      ruleId: "config/placeholder-repo-url",
      severity: "warning",
      message: `argocd.repoURL ${excerpt(url, undefined, MAX_NAME_EXCERPT)} is a placeholder: Argo CD cannot sync from it — set the Git URL of this repository (llmchart init takes it from your Applications or the origin remote)`,
      path: "argocd.repoURL",
    }),
  ];
}

/**
 * Every problem the config document itself has, errors and warnings, without throwing: the
 * schema's checks (layout paths, node pools, chart defaults, the Kubernetes version) and the rule
 * ids of `rules:`. What the editor shows for an open llmchart.config.yaml.
 */
export function configDocumentProblems(source: SourceFile): Problem[] {
  const checked = checkConfig(source);
  if (!checked.config) return checked.problems;
  return [...checked.problems, ...ruleIdProblems(source, checked.config)];
}

/** A checked config: usable (config and layout set) when it has no errors; `problems` holds everything found. */
export interface ConfigCheck {
  config: ResolvedConfig | undefined;
  /** The layout's folders, resolved once here for everything that uses the config. */
  layout: Layout | undefined;
  problems: Problem[];
}

/**
 * The whole check of a config: the document's problems (configDocumentProblems) and, for a
 * config without errors, the warnings about one that cannot work in a cluster (a placeholder
 * repoURL). The layout is resolved here, once.
 */
export function checkConfigDocument(source: SourceFile): ConfigCheck {
  const checked = checkConfig(source);
  if (checked.problems.some((p) => p.severity === "error") || !checked.config) return { config: undefined, layout: undefined, problems: checked.problems };
  const unknownRules = ruleIdProblems(source, checked.config);
  if (unknownRules.length) return { config: undefined, layout: undefined, problems: [...checked.problems, ...unknownRules] };
  return { config: checked.config, layout: resolveLayout(checked.config), problems: [...checked.problems, ...placeholderProblems(source, checked.config)] };
}

/** Config problems as the one-line-each error every command exits 2 with. */
export function configErrors(problems: readonly Problem[]): InputErrors {
  return new InputErrors(problems.map((p) => new InputError(p.file, p.message, { line: p.line, column: p.column })));
}
