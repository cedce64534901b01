export { defineRule, toSegments, getIn, type Rule, type RuleDefinition, type RuleContext, type RuleReport, type RuleFix } from "./define-rule.js";
export type { PathLike, EffectiveValues } from "./types.js";
export { rules, findRule } from "./registry.js";
export { lintPolicy, severityOf, type PolicyInput, type LintPolicyOptions } from "./engine.js";
export { applyFixes, applyFixesDetailed, scalarFix } from "./fix.js";
export { parseDirectives, applyDirectives, type Directive } from "./directives.js";
export { mergeValues, type MergedValues, type ValueOrigin, type ValuesInput } from "./merge.js";
export { fallbackChartDefaults } from "./defaults.js";
export { releaseOf, releasePodLabels, type Release } from "./release.js";
export { parseLlamaCppTag, splitReference, OFFICIAL_REPOSITORY, type LlamaCppTag } from "./rules/image-reference.js";
export { parseServerArgs, type ServerArgs, type ServerOption, type ArgIssue, type ChartAddedArgs, type OptionSource } from "./server-args.js";
export { canonicalName, displayNames, otherToolHint, type FlagSpec } from "./flags.js";
export { flagStanding, envStanding, accepts, suggestible, adviceFor, envReplacement, type Standing } from "./llama/standing.js";
export {
  estimateModel,
  modelOfValues,
  kvCacheBytes,
  quantOf,
  paramsOf,
  knownModels,
  BITS_PER_WEIGHT,
  KV_TYPE_BYTES,
  type ModelEstimate,
} from "./model.js";
export {
  DEFAULT_CACHE_RAM_MIB,
  HEADROOM_BYTES,
  HEADROOM_PER_TOKEN,
  DEFAULT_UBATCH,
  DEFAULT_BATCH,
  NEWEST_BUILD_DEFAULTS,
  estimateMemory,
  estimateFor,
  memoryInputsOf,
  type MemoryEstimate,
  type MemoryInputs,
  type MemoryPart,
  type MemoryServerDefaults,
  type EstimateInput,
} from "./memory.js";
export { shapeFromFacts, assumedShape, SWA_PERIODS, type ModelFacts, type ModelShape } from "./shape.js";
export { LOCK_FILE, lockKey, pinOf, type ModelLock, type PinnedModel, type PinStatus } from "./lock.js";
export { effectiveModel, chartAddsFor, buildOfValues, pinnedServerBuild, type EffectiveModel, type EffectiveModelOptions } from "./effective.js";
export { CONSERVATIVE_BYTES_PER_SECOND, START_SECONDS } from "./rules/progress-deadline.js";

import type { RuleMeta } from "@llmchart/schema";
import { rules } from "./registry.js";

/** What output formats (SARIF `tool.driver.rules`) need to know about each policy rule. */
export const policyRules: readonly RuleMeta[] = rules.map((r) => r.meta);
export { inspectValues, type ValuesInsight } from "./inspect.js";
export {
  flagsAt,
  flagHistory,
  defaultsAt,
  buildOfImage,
  buildOfTag,
  normalizeFlagName,
  DATA_RANGE,
  SECOND_HAND_POINTS,
  type ImageRef,
} from "./llama/builds.js";
export type {
  FlagSpec as BuildFlagSpec,
  FlagStatus,
  FlagTable,
  FlagHistory,
  ServerDefaults,
  ServerBuild,
  BuildSource,
} from "./llama/types.js";
export { rolloutPods, honoursMatchLabelKeys } from "./rollout.js";
