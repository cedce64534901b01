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
import { getIn, toSegments, type Rule, type RuleContext, type RuleReport } from "./define-rule.js";
import type { EffectiveValues } from "./types.js";
import { configDefaultAt } from "./config-origin.js";
import { applyDirectives } from "./directives.js";
import { scalarFix } from "./fix.js";
import { DERIVED_FROM, effectiveModel } from "./effective.js";
import { invalidPaths, ReadLog } from "./invalid-values.js";
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
  /**
   * The parsed config file: a chart default its `defaults:` section sets is named there
   * (`llmchart.config.yaml:52:7 defaults.affinity`), the key a person edits, rather than the
   * generated chart values.yaml. Without it the config's defaults are named by file and key only.
   */
  configSource?: SourceFile;
  /** The rules to run (default: every registered rule). */
  rules?: readonly Rule[];
  /**
   * Facts already said in this run (`RuleContext.once`): pass one set to the calls that make up
   * one run (lint's batches) and each such fact is said once across all of them. Default: a new set.
   */
  said?: Set<string>;
  /**
   * Whether facts that hold for the whole run are said at all (default true). An editor lints a
   * buffer at a time, so "once per run" would be every buffer; it says the build in its hover instead.
   */
  runFacts?: boolean;
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

/**
 * Runs the policy rules over each values file's effective values (the chart defaults merged
 * as Helm merges them) and returns positioned problems, severities from the config, inline
 * and file-level `llmchart-disable` comments applied, and `unused-disable` warnings for
 * comments that suppressed nothing. A file with YAML errors is skipped (it has no data to judge).
 * A file with schema errors is judged on what it says wherever that can be interpreted: the
 * values its schema errors are about (`invalidPaths`) are taken out of what the rules see, the
 * engine records which paths each rule reads, and a rule that read one of them says nothing for
 * that file (an exception it throws then counts as that too) — every other rule reports as usual.
 */
export function lintPolicy(inputs: readonly PolicyInput[], options: LintPolicyOptions = {}): Problem[] {
  const config = options.config ?? defaultConfig;
  const chartDefaults = options.chartDefaults ?? fallbackChartDefaults(config);
  const label = options.chartDefaultsLabel;
  // Where a chart default comes from, for messages: the config's `defaults:` key when it set it.
  const from = (segments: readonly PathSegment[], value: unknown) =>
    configDefaultAt(config, options.configSource, segments, value) ?? `the chart default${label ? ` (${label})` : ""}`;
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
  // Facts said once per run (RuleContext.once), whichever file comes first.
  const said = options.said ?? new Set<string>();
  const runFacts = options.runFacts ?? true;

  for (const input of inputs) {
    if (input.checked.data === undefined) continue;
    const { source } = input;
    const invalid = invalidPaths(input.checked.problems);
    const { merged, values, build, args, model, estimate } = effectiveModel(source, { chartDefaults, config, invalid, modelLock: options.modelLock });
    const problems: Problem[] = [];
    // What the running rule reads, recorded only for a file with values it cannot interpret.
    const reads = invalid.length ? new ReadLog(invalid) : undefined;
    // One context per file; `report` files what it is given under the rule that is running.
    let current = active[0]!;
    const ctx: RuleContext = {
      file: source,
      values,
      get: (path) => {
        reads?.read(path);
        return getIn(values, path);
      },
      text: (path) => {
        reads?.read(path);
        return str(getIn(values, path));
      },
      origin: (path) => {
        reads?.read(path);
        return merged.originOf(toSegments(path));
      },
      node: (path) => {
        reads?.read(path);
        const o = merged.originOf(toSegments(path));
        return o.kind === "values" ? o.node : undefined;
      },
      keptNulls: merged.keptNulls,
      // The build is the image's: a rule that asks it has read `image`.
      get build() {
        this.get("image");
        return build;
      },
      args,
      model,
      estimate,
      config,
      once: (key) => runFacts && !said.has(key) && Boolean(said.add(key)),
      report: (r: RuleReport) => {
        const { rule, severity, configured } = current;
        problems.push(toProblem(source, rule, configured ? severity : (r.severity ?? severity), r, merged.originOf, values, from));
      },
    };
    if (reads) recordDerivedReads(ctx, reads);
    const skipped = new Set<string>();
    for (const entry of active) {
      current = entry;
      if (reads) runRecorded(entry.rule, ctx, reads, problems, skipped);
      else entry.rule.check(ctx);
    }

    const { kept, unused } = applyDirectives(source, problems, { ...directiveOptions, skipped });
    out.push(...kept, ...unused);
  }
  return out.sort(compareProblems);
}

/** Makes looking at `args`, `model` or `estimate` a read of the values paths each is derived from. */
function recordDerivedReads(ctx: RuleContext, reads: ReadLog): void {
  for (const key of ["args", "model", "estimate"] as const) {
    const value = ctx[key];
    const from = DERIVED_FROM[key];
    Object.defineProperty(ctx, key, {
      get: () => {
        reads.readAll(from);
        return value;
      },
    });
  }
}

/**
 * Runs a rule on a file with values it cannot interpret: a rule that read one of them is skipped
 * for the file — its reports are dropped, and an exception it throws is taken for the same cause
 * (the value it read is not there) — and its id goes to `skipped`.
 */
function runRecorded(rule: Rule, ctx: RuleContext, reads: ReadLog, problems: Problem[], skipped: Set<string>): void {
  const before = problems.length;
  reads.tainted = false;
  try {
    rule.check(ctx);
  } catch (err) {
    if (!reads.tainted) throw err;
  }
  if (!reads.tainted) return;
  problems.length = before;
  skipped.add(rule.id);
}

function toProblem(
  source: SourceFile,
  rule: Rule,
  severity: Severity,
  r: RuleReport,
  originOf: (path: readonly PathSegment[]) => ValueOrigin,
  values: EffectiveValues,
  from: (segments: readonly PathSegment[], value: unknown) => string,
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
    const value = getIn(values, segments);
    if (origin.kind === "default" && !isEmpty(value)) message += ` [${formatPath(segments)}${describeDefault(value)} comes from ${from(segments, value)}]`;
  }
  const problem = problemAt(source, range, { ruleId: rule.id, severity, message, path: formatPath(segments), messageId: r.messageId });
  if (r.fix) {
    const fix = scalarFix(source, r.fix.node, r.fix.value);
    if (fix) problem.fix = fix;
  }
  return problem;
}
