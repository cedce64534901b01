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
  /**
   * The rule's messages by id (ESLint's `meta.messages`): templates whose `{{name}}` placeholders
   * a report's data fills. A problem carries its `messageId`, so tests and tools match the kind
   * of message, not its wording; SARIF lists them as the rule's `messageStrings`.
   */
  messages?: Readonly<Record<string, string>>;
}

/** Values a message template's `{{name}}` placeholders are filled with. */
export type MessageData = Readonly<Record<string, string | number>>;

/** A template split once into its text (even indexes) and placeholder names (odd indexes). */
const templateParts = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    // split with a capturing group keeps the names at the odd indexes.
    parts = template.split(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/);
    // Rules' templates are a fixed set; the bound only keeps a caller with made-up ones finite.
    if (templateParts.size >= 1000) templateParts.clear();
    templateParts.set(template, parts);
  }
  return parts;
}

/**
 * Fills a message template: each `{{name}}` becomes `data.name`. A placeholder without a value is
 * a bug in the rule, not in the user's file, so it throws rather than print "{{name}}". Templates
 * are few and messages many: each is split once.
 */
export function formatMessage(template: string, data: MessageData = {}): string {
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
    if (value === undefined) throw new Error(`message "${template}" has no value for {{${name}}}`);
    out += String(value) + parts[i + 1]!;
  }
  return out;
}

/** A bound a value breaks: "replicaCount must be >= 0, got number -1" (the constraint in ajv's words). */
const OUT_OF_RANGE = "{{where}} {{constraint}}, got {{got}}";

/** The rule ids the YAML and schema stages report. */
export const schemaRules: readonly RuleMeta[] = [
  { id: "yaml/syntax", description: "The file is not valid YAML.", defaultSeverity: "error" },
  { id: "yaml/duplicate-key", description: "A key appears twice in one mapping; Helm would silently keep only the last.", defaultSeverity: "error" },
  { id: "yaml/tab-indent", description: "Tabs used for indentation; YAML allows spaces only.", defaultSeverity: "error" },
  { id: "yaml/non-string-key", description: "A mapping key is null, a list or a mapping; Helm can only read string keys.", defaultSeverity: "error" },
  { id: "yaml/ambiguous-scalar", description: "A plain scalar Helm (YAML 1.1) reads differently from YAML 1.2 tools: yes/no/on/off/y/n, 010, 0b1, 1_000.", defaultSeverity: "warning" },
  { id: "yaml/multiple-documents", description: "A values file must hold exactly one YAML document.", defaultSeverity: "error" },
  {
    id: "schema/unknown-property",
    description: "A key the schema does not know (often a typo such as `modle`).",
    defaultSeverity: "error",
    messages: {
      unknownProperty: "unknown property {{key}} in {{where}}{{hint}}",
      moreUnknownProperties: "{{count}} more unknown properties in {{where}} (the first {{listed}} are listed; is this a values file for another chart?)",
    },
  },
  { id: "schema/required", description: "A required property is missing.", defaultSeverity: "error", messages: { missingProperty: '{{where}} is missing required property "{{property}}"' } },
  {
    id: "schema/type",
    description: "A value has the wrong type.",
    defaultSeverity: "error",
    messages: { wrongType: "{{where}} must be {{type}}, got {{got}}{{hint}}", notAMapping: "{{subject}} must be a mapping of keys to values, got {{got}}" },
  },
  { id: "schema/enum", description: "A value is not one of the allowed choices.", defaultSeverity: "error", messages: { notAllowed: "{{where}} must be one of {{allowed}}, got {{got}}{{hint}}" } },
  { id: "schema/pattern", description: "A string does not have the required form (e.g. a Kubernetes quantity).", defaultSeverity: "error", messages: { wrongForm: "{{where}} must be {{form}}{{examples}}, got {{got}}" } },
  {
    id: "schema/property-name",
    description: "A map key does not have an allowed form (a label or annotation key, a resource name).",
    defaultSeverity: "error",
    messages: { notAllowedKey: "{{key}} is not an allowed key in {{where}}{{why}}" },
  },
  {
    id: "schema/quantity",
    description: "A Kubernetes quantity that Kubernetes would not keep as written: beyond its 64-bit range (the API server caps it; CPU counts in millicores) or finer than 1n (it is rounded up).",
    defaultSeverity: "error",
    messages: {
      tooLarge: "{{where}} must be at most {{max}}: Kubernetes keeps a quantity in 64 bits and caps a larger one, got {{got}}",
      tooPrecise: "{{where}} is finer than Kubernetes' precision of 1n, which rounds it up, got {{got}}",
    },
  },
  { id: "schema/minimum", description: "A number is below its minimum.", defaultSeverity: "error", messages: { outOfRange: OUT_OF_RANGE } },
  { id: "schema/maximum", description: "A number is above its maximum.", defaultSeverity: "error", messages: { outOfRange: OUT_OF_RANGE } },
  { id: "schema/min-length", description: "A string is too short.", defaultSeverity: "error", messages: { outOfRange: OUT_OF_RANGE } },
  { id: "schema/max-length", description: "A string is too long.", defaultSeverity: "error", messages: { outOfRange: OUT_OF_RANGE } },
  { id: "config/kubernetes-version", description: "kubernetes.version names another Kubernetes minor version than the bundled definitions.", defaultSeverity: "warning" },
];
