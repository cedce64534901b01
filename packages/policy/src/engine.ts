import {
  compareProblems,
  defaultConfig,
  didYouMean,
  formatMessage,
  formatPath,
  nodeRange,
  problemAt,
  type CheckedFile,
  type PathSegment,
  type Problem,
  type Range,
  type ResolvedConfig,
  type Severity,
  type SourceFile,
} from "@llmchart/schema";
import { isCollection, isMap, type Node } from "yaml";
import { fallbackChartDefaults } from "./defaults.js";
import { getIn, toSegments, type EffectiveValues, type Rule, type RuleContext, type RuleReport } from "./define-rule.js";
import { applyDirectives } from "./directives.js";
import { scalarFix } from "./fix.js";
import { effectiveModel } from "./effective.js";
import type { ModelLock } from "./lock.js";
import type { ValueOrigin, ValuesInput } from "./merge.js";
import { rules as allRules } from "./registry.js";
import { str } from "./rule-utils.js";

export interface PolicyInput {
  source: SourceFile;
  checked: CheckedFile;
}

export interface LintPolicyOptions {
  /** Rule severities (`rules:`) and the images the chart pins. Default: the built-in config. */
  config?: ResolvedConfig;
  /**
   * The chart's values.yaml (parsed, or as data). Default: what the generated chart holds
   * (`fallbackChartDefaults(config)`: the values schema's defaults and the pinned images).
   */
  chartDefaults?: ValuesInput;
  /**
   * Where the chart defaults came from, for messages: "infra/apps/llm/charts/llama-cpp/values.yaml",
   * or a note such as "the values schema (charts/llama-cpp/values.yaml not found)".
   */
  chartDefaultsLabel?: string;
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
  /** The project's lock file: pinned models are judged by their GGUF header's facts. */
  modelLock?: ModelLock | undefined;
}

/** The severity a rule runs with: the config's `rules:` entry, else its default. */
export function severityOf(rule: Pick<Rule, "id" | "severity">, config: ResolvedConfig): Severity | "off" {
  return config.rules[rule.id] ?? rule.severity;
}

function firstKey(source: SourceFile): Node | undefined {
  const root = source.doc.contents;
  if (isMap(root)) return root.items[0]?.key ?? root;
  return (root as Node | null) ?? undefined;
}

/** The range a problem about `origin` points at: the key of a collection, the value of a scalar, the closest node for defaults. */
function anchor(source: SourceFile, origin: ValueOrigin): Range | undefined {
  switch (origin.kind) {
    case "values":
    case "deleted":
      if (origin.node && !isCollection(origin.node)) return nodeRange(origin.node);
      return nodeRange(origin.keyNode ?? origin.node);
    case "default":
    case "unset":
      if (origin.nearestKey) return nodeRange(origin.nearestKey);
      return nodeRange(firstKey(source));
  }
}

/** An empty list, map or string: a default that sets nothing worth mentioning. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && v !== null && Object.keys(v).length === 0;
}

function describeDefault(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") return ` = ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean") return ` = ${v}`;
  return "";
}

/** Whether a file reached the policy stage: it reads as YAML and passes the schema (rules trust its types). */
function schemaClean(input: PolicyInput): boolean {
  return input.checked.data !== undefined && !input.checked.problems.some((p) => p.severity === "error");
}

/**
 * Runs the policy rules over each values file's effective values (the chart defaults merged
 * as Helm merges them) and returns positioned problems, severities from the config, inline
 * and file-level `llmchart-disable` comments applied, and `unused-disable` warnings for
 * comments that suppressed nothing. Files with schema or YAML errors are skipped: their
 * problems are already reported, and rules rely on the schema's types.
 */
export function lintPolicy(inputs: readonly PolicyInput[], options: LintPolicyOptions = {}): Problem[] {
  const config = options.config ?? defaultConfig;
  const chartDefaults = options.chartDefaults ?? fallbackChartDefaults(config);
  const label = options.chartDefaultsLabel;
  const rules = options.rules ?? allRules;
  const ruleIds = new Set(allRules.map((r) => r.id));
  // What each rule runs with, decided once for all files: rules turned off are left out.
  const active = rules.flatMap((rule) => {
    const severity = severityOf(rule, config);
    return severity === "off" ? [] : [{ rule, severity, configured: config.rules[rule.id] !== undefined }];
  });
  const unusedRule = allRules.find((r) => r.id === "unused-disable");
  const unusedSeverity = rules.some((r) => r.id === "unused-disable") && unusedRule ? severityOf(unusedRule, config) : "off";
  const directiveOptions = {
    isPolicyRule: (id: string) => ruleIds.has(id),
    suggest: (id: string) => didYouMean(id, ruleIds),
    unusedSeverity,
  };
  const out: Problem[] = [];

  for (const input of inputs) {
    if (!schemaClean(input)) continue;
    const { source } = input;
    const { merged, values, args, model, estimate } = effectiveModel(source, { chartDefaults, config, modelLock: options.modelLock });
    const problems: Problem[] = [];
    // One context per file; `report` files what it is given under the rule that is running.
    let current = active[0]!;
    const ctx: RuleContext = {
      file: source,
      values,
      get: (path) => getIn(values, path),
      text: (path) => str(getIn(values, path)),
      origin: (path) => merged.originOf(toSegments(path)),
      node: (path) => {
        const o = merged.originOf(toSegments(path));
        return o.kind === "values" ? o.node : undefined;
      },
      keptNulls: merged.keptNulls,
      args,
      model,
      estimate,
      config,
      report: (r: RuleReport) => {
        const { rule, severity, configured } = current;
        problems.push(toProblem(source, rule, configured ? severity : (r.severity ?? severity), r, merged.originOf, values, label));
      },
    };
    for (const entry of active) {
      current = entry;
      entry.rule.check(ctx);
    }

    const { kept, unused } = applyDirectives(source, problems, directiveOptions);
    out.push(...kept, ...unused);
  }
  return out.sort(compareProblems);
}

function toProblem(
  source: SourceFile,
  rule: Rule,
  severity: Severity,
  r: RuleReport,
  originOf: (path: readonly PathSegment[]) => ValueOrigin,
  values: EffectiveValues,
  label: string | undefined,
): Problem {
  const segments = r.path !== undefined ? toSegments(r.path) : [];
  let range: Range | undefined;
  const template = rule.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported an undeclared messageId "${r.messageId}"`);
  let message = formatMessage(template, r.data);
  if (r.node) {
    range = nodeRange(r.node);
  } else {
    const origin = originOf(segments);
    range = anchor(source, origin);
    if (origin.kind === "default" && !isEmpty(getIn(values, segments))) {
      const where = label ? ` (${label})` : "";
      message += ` [${formatPath(segments)}${describeDefault(getIn(values, segments))} comes from the chart default${where}]`;
    }
  }
  const problem = problemAt(source, range, { ruleId: rule.id, severity, message, path: formatPath(segments), messageId: r.messageId });
  if (r.fix) {
    const fix = scalarFix(source, r.fix.node, r.fix.value);
    if (fix) problem.fix = fix;
  }
  return problem;
}
