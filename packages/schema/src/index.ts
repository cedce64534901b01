export type { Problem, Severity, Fix } from "./problem.js";
export { compareProblems, countProblems, severityRank } from "./problem.js";
export type { SourceFile, PathSegment, Range, Located, ParseSourceOptions, ParseWork } from "./source-file.js";
export {
  parseSource,
  problemAt,
  nodeRange,
  formatPath,
  locate,
  findPair,
  pointerToSegments,
  MAX_ALIAS_COUNT,
  MAX_NESTING_DEPTH,
} from "./source-file.js";
export { yamlProblems, toData, type DataResult } from "./yaml-problems.js";
export { SchemaValidator, type CheckedFile, type CompiledValidator, type SchemaValidatorOptions } from "./validate.js";
export { checkValues, valuesSchema, valuesSchemaErrors, type DataSchemaError } from "./values.js";
export { didYouMean, onlyCandidate } from "./suggest.js";
export { parseQuantity, type QuantityKind } from "./quantity.js";
export type { LlamaCppChartValues as Values } from "./values.generated.js";
export { formatMessage, schemaRules, type MessageData, type RuleMeta } from "./rule-meta.js";
export { checkConfig, configSchema, defaultConfig, type ResolvedConfig, type CheckedConfig, type RuleSetting, type ChartFeatures, type NodePool, type NodeTaint } from "./config.js";
export { CONFIG_FILE, LOCK_FILE } from "./config-file.js";
export { GENERATED_MARKER, isGenerated, type GeneratedFile } from "./generated-marker.js";
export { KUBERNETES_VERSION, KUBERNETES_DEFINITIONS_SOURCE } from "./kubernetes.generated.js";
