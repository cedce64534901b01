export type { Problem, Severity, Fix } from "./problem.js";
export { compareProblems, countProblems, severityRank, RUN_FACTS, sayRunFactsOnce } from "./problem.js";
export type { SourceFile, PathSegment, NamedItem, Range, Located, ParseSourceOptions, ParseWork } from "./source-file.js";
export {
  parseSource,
  problemAt,
  nodeRange,
  formatPath,
  formatManifestPath,
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
export { parseQuantity, quantityProblem, MAX_QUANTITY, MAX_CPU_MILLICORES, type QuantityKind, type QuantityProblem } from "./quantity.js";
export type { LlamaCppChartValues as Values } from "./values.generated.js";
export { formatMessage, schemaRules, type MessageData, type RuleMeta } from "./rule-meta.js";
export { checkConfig, configSchema, defaultConfig, type ResolvedConfig, type CheckedConfig, type RuleSetting, type ChartFeatures, type NodePool, type NodeTaint } from "./config.js";
export { CONFIG_FILE, LOCK_FILE } from "./config-file.js";
export { DEFAULT_RENDER_COMMAND, generatedHeader, generatedMarker, isGenerated, type GenerateOptions, type GeneratedFile } from "./generated-marker.js";
export { KUBERNETES_VERSION, KUBERNETES_DEFINITIONS_SOURCE } from "./kubernetes.generated.js";
export { releaseDocsBaseUrl, ruleDocUrl } from "./docs-url.js";
export { TOKEN_PATTERNS, TOKEN_HINT, isSecretName, looksLikeCredential } from "./credentials.js";
export { excerpt, bareExcerpt, describeValue, MAX_EXCERPT, MAX_NAME_EXCERPT, HIDDEN_CREDENTIAL } from "./excerpt.js";
export { repositoryOf, leadsOutsideRepository, OUTSIDE_REPOSITORY_MESSAGE } from "./repository.js";
export { formatBinaryBytes, formatDecimalBytes } from "./bytes.js";
