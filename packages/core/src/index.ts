export { UsageError, InputError, InputErrors, GitError, oneLine } from "./errors.js";
export { loadProject, findConfig, resolveLayout, configErrors, configDocumentProblems, type Project, type Layout, type LoadProjectOptions } from "./project.js";
export { allRules, allRuleIds, configRules, layoutRules, renderRules, helmRules } from "./rules.js";
export { lintLayout, lintDocuments, lintStages, exitStatus, MAX_FIX_PASSES, type LintLayoutOptions, type LintLayoutResult, type AppliedFix } from "./lint.js";
export { lintSources, type LintStage, type LintInput, type LintContext, type LintResult } from "./lint/pipeline.js";
export { chartDefaultsData, type ChartDefaultsCache } from "./lint/policy-stage.js";
export { renderLayout, runGenerators, loadGenerators, driftProblem, handWrittenProblem, type RenderLayoutOptions, type RenderLayoutResult, type AdoptedFile, type GeneratedSet, type RenderGenerator } from "./render.js";
export { checkLayout, type CheckLayoutOptions, type CheckLayoutResult } from "./check.js";
export { scaffoldModel, valuesSchemaFor, type ScaffoldModelOptions, type ScaffoldModelResult } from "./scaffold.js";
export { rotateModels, type RotateOptions, type RotateResult } from "./rotate.js";
export { listValuesFiles, fileProblem, type ValuesListing } from "./values-files.js";
export { readSourceFile, readSourceText, parseSourceText, readConfigSource, displayPath, describeFsError, MAX_VALUES_BYTES } from "./files.js";
export { writeFileAtomic, createFileAtomic, isReadOnlyFile, refuseReadOnly, READ_ONLY_MESSAGE } from "./atomic.js";
export { writeGeneratedFiles, type FileToWrite, type Drift, type WriteResult } from "./write-files.js";
export { LineEndingPolicy, lineEndingOf, withLineEnding, type LineEnding } from "./line-endings.js";
export { projectRenderCommand, renderCommandFor } from "./render-command.js";
export { git, gitTopLevel, changedFiles, startChangeScan, type ChangeScan, type ChangeScanOptions } from "./git.js";
export { stagedSnapshot, type StagedSnapshot } from "./staged.js";
export { pool } from "./pool.js";
export { configWarnings } from "./config-checks.js";
export { isPlaceholderRepoUrl } from "@llmchart/init";
export { describeReplacement, dataChanges } from "./semantic.js";
export { RenderCache, openCache, hashTree, helmIdentity } from "./check/cache.js";
export { loadManifests } from "./check/manifests.js";
export { ruleDocsBaseUrl, toolVersion, toolIdentity } from "./version.js";
export { editTarget, assertInsideRepo } from "./safe-path.js";
export { diffProject, parseRiskIds, type DiffProjectOptions } from "./diff.js";
export { initProject, type InitOptions, type InitResult } from "./init.js";
export { capacityProject, capacityCheckProblems, type CapacityProjectResult } from "./capacity.js";
export {
  upgradeLayout,
  parseBuildArgument,
  tagFor,
  planFile,
  type UpgradeLayoutOptions,
  type PlanContext,
  type PlanOptions,
  type FilePlan,
  type UpgradeResult,
  type UpgradeFileResult,
  type UpgradeFinding,
  type UpgradeFindingKind,
  type UpgradeRewrite,
  type BuildRef,
  type TagChange,
  type MemoryChange,
} from "./upgrade.js";
export { pinModels, type PinModelsOptions, type PinModelsResult, type PinOutcome } from "./models/pin.js";
export { factsFromHeader } from "./models/facts.js";
