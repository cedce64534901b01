import type { Severity } from "./problem.js";

/** What output formats (SARIF `tool.driver.rules`, docs) need to know about a rule id. */
export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Longer help: what to change. */
  help?: string;
  /** Link to the rule's documentation page, relative to the repository root. */
  docs?: string;
  /** Whether `lint --fix` can fix some of its reports. */
  fixable?: boolean;
}

/** The rule ids the YAML and schema stages report. */
export const schemaRules: readonly RuleMeta[] = [
  { id: "yaml/syntax", description: "The file is not valid YAML.", defaultSeverity: "error" },
  { id: "yaml/duplicate-key", description: "A key appears twice in one mapping; Helm would silently keep only the last.", defaultSeverity: "error" },
  { id: "yaml/tab-indent", description: "Tabs used for indentation; YAML allows spaces only.", defaultSeverity: "error" },
  { id: "yaml/non-string-key", description: "A mapping key is null, a list or a mapping; Helm can only read string keys.", defaultSeverity: "error" },
  { id: "yaml/ambiguous-scalar", description: "A plain scalar Helm (YAML 1.1) reads differently from YAML 1.2 tools: yes/no/on/off/y/n, 010, 0b1, 1_000.", defaultSeverity: "warning" },
  { id: "yaml/multiple-documents", description: "A values file must hold exactly one YAML document.", defaultSeverity: "error" },
  { id: "schema/unknown-property", description: "A key the schema does not know (often a typo such as `modle`).", defaultSeverity: "error" },
  { id: "schema/required", description: "A required property is missing.", defaultSeverity: "error" },
  { id: "schema/type", description: "A value has the wrong type.", defaultSeverity: "error" },
  { id: "schema/enum", description: "A value is not one of the allowed choices.", defaultSeverity: "error" },
  { id: "schema/pattern", description: "A string does not have the required form (e.g. a Kubernetes quantity).", defaultSeverity: "error" },
  { id: "schema/property-name", description: "A map key does not have an allowed form (a label or annotation key, a resource name).", defaultSeverity: "error" },
  { id: "schema/minimum", description: "A number is below its minimum.", defaultSeverity: "error" },
  { id: "schema/maximum", description: "A number is above its maximum.", defaultSeverity: "error" },
  { id: "schema/min-length", description: "A string is too short.", defaultSeverity: "error" },
  { id: "schema/max-length", description: "A string is too long.", defaultSeverity: "error" },
  { id: "config/kubernetes-version", description: "kubernetes.version names another Kubernetes minor version than the bundled definitions.", defaultSeverity: "warning" },
];
