export { validateManifests, manifestRules } from "./validate.js";
export { modelFor, preloadKinds, schemaErrors, type ModelClass, type SchemaError } from "./models.js";
export { findHelm, runHelm, helmTemplate, helmLint, type HelmResult, type HelmTemplateOptions, type HelmLintOptions } from "./helm.js";
