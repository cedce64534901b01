import type { ModelLock } from "@llmchart/policy";
import type { Problem, ResolvedConfig, RuleMeta } from "@llmchart/schema";

/** One file as the editor holds it: `path` is relative to the project root, with `/` (as the CLI shows it). */
export interface LintDocument {
  path: string;
  text: string;
}

/** What linting documents returns: problems (`file` = the document's `path`) and the metadata of every rule that ran. */
export interface LintOutput {
  problems: Problem[];
  rules: RuleMeta[];
}

/** What hovers and completion need to know about a project, beyond its lint results. */
export interface ProjectContext {
  /** The resolved `llmchart.config.yaml` (layout, pinned images, rule severities). */
  config: ResolvedConfig;
  /** The values folder of the project's layout, relative to its root with `/` (as the CLI resolves it). */
  valuesDir: string;
  /** The chart's values.yaml as plain data; undefined when the chart has not been generated. */
  chartDefaults?: Record<string, unknown> | undefined;
  /** Where the project's rule pages are (ends with `/`), for the links of diagnostics and hovers; undefined: no links. */
  docsBaseUrl?: string | undefined;
  /** The project's lock file (`llmchart models pin`): hovers size a pinned model as lint does. */
  modelLock?: ModelLock | undefined;
}

/**
 * One reason a project did not load, shaped like `@llmchart/core`'s `InputError`: `file` is the
 * path alone, `line`/`column` (1-based) where in it, when known; `message` is the whole line
 * (`path:line:col: msg`).
 */
export interface LoadError {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  message: string;
  /** The message without the place it starts with; core's errors carry it (else `message` is shown). */
  detail?: string | undefined;
}

/**
 * The lint pipeline the server drives. The server never reads config or chart files itself:
 * it loads a project per root folder (again when the config or the chart's values.yaml change on
 * disk) and lints the editor's buffers against it.
 *
 * `loadProject` may throw for an unusable config; errors shaped like the CLI's `InputErrors`
 * (`errors: LoadError[]`) are shown at their position (`line`, `column`) in that file.
 */
export interface LintBackend<P = unknown> {
  loadProject(options: { cwd: string; configPath?: string }): P | Promise<P>;
  /** The config a file in `dir` belongs to (absolute), found as the CLI finds it; undefined when there is none. */
  findConfig(dir: string): string | undefined;
  /** Lints in-memory documents of the project: values files, and `llmchart.config.yaml` itself. */
  lint(project: P, docs: LintDocument[]): Promise<LintOutput>;
  context(project: P): ProjectContext;
  /** Where rule pages are when no project says (its config cannot be loaded); undefined: no links then. */
  defaultDocsBaseUrl?: string;
}
