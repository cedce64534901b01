import type { RuleMeta } from "@llmchart/schema";

/** The rule ids this package reports, for formatters (SARIF) and docs. */
export const manifestRules: readonly RuleMeta[] = [
  { id: "manifest/yaml", description: "A document of the manifest stream is not valid YAML.", defaultSeverity: "error" },
  { id: "manifest/invalid", description: "A document is not a Kubernetes object (no mapping, apiVersion, kind or metadata.name).", defaultSeverity: "error" },
  { id: "manifest/schema", description: "An object does not match the Kubernetes (or Argo CD CRD) schema of its kind.", defaultSeverity: "error" },
  { id: "manifest/duplicate", description: "Two documents describe the same object; the second would overwrite the first.", defaultSeverity: "error" },
  { id: "manifest/unknown-kind", description: "No schema is installed for this apiVersion/kind, so it was not validated.", defaultSeverity: "warning" },
  { id: "manifest/unknown-field", description: "Strict mode: a field the Kubernetes definition of the object's kind does not have (Kubernetes would drop it).", defaultSeverity: "error" },
];
