// @llmchart/core's public API: what the CLI, the language server and the VS Code extension use.
// Everything else in src/ is the package's own (reachable by relative imports only); a name goes
// here when one of those callers needs it. `./errors`, `./version` and `./early` are light entry
// points for the CLI's start-up path.
export { UsageError, InputError, InputErrors, GitError, oneLine } from "./errors.js";
export { loadProject, type Project } from "./project.js";
export { findConfig } from "./config/location.js";
export { configDocumentProblems } from "./config/check.js";
export { allRules } from "./rules.js";
export { lintLayout, lintDocuments, exitStatus } from "./lint.js";
export { chartDefaultsData } from "./lint/policy-stage.js";
export { renderLayout, type RenderLayoutResult, type AdoptedFile } from "./render.js";
export { checkLayout } from "./check.js";
export { scaffoldModel } from "./scaffold.js";
export { rotateModels } from "./rotate.js";
export { writeFileAtomic, refuseReadOnly, READ_ONLY_MESSAGE } from "./atomic.js";
export { git, gitTopLevel } from "./git.js";
export { ruleDocsBaseUrl, toolVersion } from "./version.js";
export { diffProject, parseRiskIds } from "./diff.js";
export { initProject } from "./init.js";
export { capacityProject } from "./capacity.js";
export { upgradeLayout, parseBuildArgument, type UpgradeResult, type UpgradeFileResult, type UpgradeFinding } from "./upgrade.js";
export { pinModels, type PinOutcome } from "./models/pin.js";
