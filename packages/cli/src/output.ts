import { exitStatus, loadProject, ruleDocsBaseUrl, toolVersion, type AdoptedFile, type Project, type RenderLayoutResult } from "@llmchart/core";
import type { Problem, RuleMeta } from "@llmchart/schema";
import { loadFormatter } from "./formatters/index.js";
import type { Io } from "./io.js";
import { useColor } from "./io.js";

/** The project of the command line: `-c` when given, else the nearest config from where the user is. */
export function projectOf(io: Io, configPath: string | undefined, options: { cache?: boolean } = {}): Project {
  return loadProject({ cwd: io.cwd, ...(configPath !== undefined ? { configPath } : {}), ...(options.cache ? { cacheEnv: io.env } : {}) });
}

export interface ReportOptions {
  format: string;
  rules: readonly RuleMeta[];
  filesChecked: number;
  quiet?: boolean;
  maxWarnings?: number;
  /** The config's docs.baseUrl, when the project sets one. */
  docsBaseUrl?: string | undefined;
}

/**
 * Prints problems with the chosen formatter and returns the exit code: 1 with errors (or more
 * warnings than --max-warnings allows), else 0. `--quiet` shows errors only; warnings still count
 * for --max-warnings, as in ESLint.
 */
export async function report(io: Io, problems: readonly Problem[], options: ReportOptions): Promise<0 | 1> {
  const formatter = await loadFormatter(options.format);
  const shown = options.quiet ? problems.filter((p) => p.severity === "error") : problems;
  io.stdout(formatter(shown, { color: useColor(io), rules: options.rules, toolName: "llmchart", toolVersion: toolVersion(), filesChecked: options.filesChecked, docsBaseUrl: ruleDocsBaseUrl(options.docsBaseUrl) }));
  const status = exitStatus(problems, options.maxWarnings);
  if (status.tooManyWarnings) io.stderr(`llmchart: ${problems.filter((p) => p.severity === "warning").length} warnings exceed --max-warnings ${options.maxWarnings}\n`);
  return status.code;
}

/** What render took over, one file and its changes at a time. */
export function printAdopted(io: Io, adopted: readonly AdoptedFile[], verb = "adopted"): void {
  for (const a of adopted) {
    io.stdout(`${verb} ${a.path} (hand-written → generated):\n`);
    for (const c of a.changes) io.stdout(`  ${c}\n`);
  }
}

const DRIFT_VERB = { missing: "created", changed: "updated", stale: "deleted" } as const;

/** What render wrote, one line per file, then (with `summary`) the counts. */
export function printWritten(io: Io, result: RenderLayoutResult, summary = true): void {
  for (const d of result.drift) io.stdout(`${DRIFT_VERB[d.kind]} ${d.path}\n`);
  if (!summary) return;
  const deleted = result.drift.filter((d) => d.kind === "stale").length;
  io.stdout(`llmchart render: ${result.drift.length - deleted + result.adopted.length} written, ${deleted} deleted, ${result.unchanged.length} unchanged\n`);
}
