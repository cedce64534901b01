import { capacityRules } from "@llmchart/capacity/rules";
import { diffRules } from "@llmchart/diff/rules";
import { manifestRules } from "@llmchart/manifests/rules";
import { policyRules } from "@llmchart/policy";
import { schemaRules, type RuleMeta } from "@llmchart/schema";
import { helmRules } from "./check/helm.js";
import { configRules } from "./config/rules.js";
import { renderRules } from "./render.js";
import { upgradeRules } from "./upgrade/rules.js";
import { layoutRules } from "./values-files.js";

// Each family of built-in ids is declared beside the code that reports it; this module only
// gathers them into the one registry, in the order the docs list them.
export { configRules, helmRules, layoutRules, renderRules, upgradeRules };

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
  cached ??= withDocs([...schemaRules, ...configRules, ...upgradeRules, ...layoutRules, ...renderRules, ...manifestRules, ...helmRules, ...diffRules, ...capacityRules, ...policyRules]);
  return cached;
}

/** Rule ids; with `configurable`, only those whose severity `rules:` in the config may change. */
export function allRuleIds(options: { configurable?: boolean } = {}): string[] {
  // Policy and capacity findings are judgements a team may weigh differently; the rest is what
  // Helm, Argo CD or Kubernetes would refuse.
  const ids = options.configurable ? [...policyRules, ...capacityRules].map((r) => r.id) : allRules().map((r) => r.id);
  return ids;
}
