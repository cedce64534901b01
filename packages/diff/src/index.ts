export type { DiffResult, ModelDiff, ObjectDiff, RenderStore, ResolvedBase, BaseReason } from "./types.js";
export { diffRenderedObjects, type ObjectsDiffOptions, type RenderedSide } from "./model-objects.js";
export { renderPending, chartAfterRender, type RenderState, type RenderPending } from "./render-pending.js";
export { argoHookOf, describeHook, type ArgoHook } from "./hooks.js";
export { compareObjects, compileIgnore, formatPath, MASK, SENSITIVE_NAME, type FieldChange, type CompareOptions, type IgnoreMatcher } from "./compare.js";
export { parseManifests, objectKey, isHelmTestHook, type K8sObject } from "./objects.js";
export {
  risksOf,
  podStart,
  type ModelSizeLookup,
  strategyOf,
  formatDuration,
  severityRank,
  RISK_IDS,
  RISK_SEVERITY,
  DOWNLOAD_BYTES_PER_SECOND,
  LOAD_BYTES_PER_SECOND,
  type Risk,
  type RiskId,
  type RiskSeverity,
  type RiskInput,
  type PodStart,
  type Strategy,
} from "./risks.js";
export { formatStylish, type StylishOptions } from "./format/stylish.js";
export { formatMarkdown, MARKDOWN_MARKER, GITHUB_COMMENT_LIMIT } from "./format/markdown.js";
export { formatJson, toJsonEntries, type JsonDiffEntry } from "./format/json.js";
export { diffExitCode, hasChanges, diffErrors, type ExitCodeOptions } from "./exit-code.js";
export { immutableProblems, diffRules, IMMUTABLE_RULE_ID } from "./immutable.js";
