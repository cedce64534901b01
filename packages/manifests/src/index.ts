export { validateManifests, validateRendered, manifestRules, type ManifestCheckOptions, type CleanDocument, type DocumentMemo } from "./validate.js";
export { traceToValues, unknownFields, kindDefinition, strictKubernetesVersion, type TracedField, type UnknownField } from "./strict.js";
export { loadedKinds, modelFor, preloadKinds, schemaErrors, type ModelClass, type SchemaError } from "./models.js";
export { findHelm, runHelm, helmTemplate, helmLint, type HelmResult, type HelmTemplateOptions, type HelmLintOptions } from "./helm.js";
