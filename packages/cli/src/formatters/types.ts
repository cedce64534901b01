import type { Problem, RuleMeta } from "@llmchart/schema";

/** What a problem formatter may know besides the problems. */
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

/**
 * The one shape of every output format of every command, as ESLint's: a pure function from the
 * command's result and a context to the text printed. `Output` is a promise only for formats whose
 * renderer is asynchronous (capacity's svg and html, drawn by vega).
 */
export type Formatter<Result = readonly Problem[], Context = FormatContext, Output extends string | Promise<string> = string> = (result: Result, context: Context) => Output;

/**
 * The output formats of one command, selected by `--format` (`selectFormatter`): their names, in
 * the order help and errors list them, and a loader that imports only the one asked for
 * (start-up cost matters on the pre-commit path).
 */
export interface FormatterSet<Name extends string, Result, Context, Output extends string | Promise<string> = string> {
  readonly names: readonly Name[];
  load(name: Name): Promise<Formatter<Result, Context, Output>>;
}
