export {
  planCapacity,
  capacityInputs,
  capacityInputsFromData,
  capacityExitCode,
  selectModels,
  MAX_PODS_PER_MODEL,
  modelName,
  formatCpu,
  formatMemory,
  type CapacityReport,
  type ModelCapacity,
  type NodeCapacity,
  type NodePod,
  type PoolReport,
  type Placement,
  type CapacityEstimate,
  type ResourceAmounts,
  type CapacityModelInput,
  type PlanCapacityOptions,
} from "./plan.js";
export { capacityProblems, capacityRules } from "./problems.js";
export { defaultReserved, poolCapacity, EVICTION_HARD_BYTES, type PoolCapacity, type Resources } from "./nodes.js";
export { antiAffinityTerms, poolVerdict, termSelects, tolerates, topologyDomain, type AffinityPod, type AntiAffinityTerm, type PoolVerdict } from "./scheduling.js";
export { formatTable, formatJson, formatMarkdown, formatSvg, formatHtml, capacityFormats, type CapacityFormat, type CapacityFormatContext } from "./format.js";
export { capacityChartSpec, modelsChartSpec, nodesChartSpec, renderSvg, capacitySvg, MODEL_COLORS, type VegaLiteSpec } from "./charts.js";
