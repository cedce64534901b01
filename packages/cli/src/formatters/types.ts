import type { Problem, RuleMeta } from "@llmchart/schema";

/** What a formatter may know besides the problems. Formatters are pure: (problems, context) → string. */
export interface FormatContext {
  /** Colour escapes allowed (stylish only). */
  color: boolean;
  /** Every rule that could have reported, for SARIF's tool.driver.rules. */
  rules: readonly RuleMeta[];
  toolName: string;
  toolVersion: string;
  /** Files that were checked (clean ones too), for summaries. */
  filesChecked: number;
  /** Where rule pages are (ends with `/`): the config's docs.baseUrl, else the installed release's (ruleDocsBaseUrl). */
  docsBaseUrl: string;
}

export type Formatter = (problems: readonly Problem[], context: FormatContext) => string;
