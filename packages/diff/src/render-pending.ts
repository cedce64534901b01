import { isGenerated } from "@llmchart/schema";
import { posix } from "node:path";

/**
 * What `llmchart render` would write now (`render --check` of the work tree), for a diff of a
 * work tree whose generated files may lag behind its config: a config or chart change that render
 * has not applied yet.
 */
export interface RenderState {
  /** Every chart file render produces: project-relative `/` path and content. */
  chartFiles: readonly { path: string; content: string }[];
  /** Generated files that differ from what render produces, project-relative. */
  drift: readonly { path: string; kind: "missing" | "changed" | "stale" }[];
}

/** Generated files the work tree holds out of date: render must run (and its result be committed). */
export interface RenderPending {
  /** Chart files that differ from what the config generates. */
  chart: string[];
  /** Argo CD Application files that are missing, different, or no longer produced. */
  applications: string[];
  /** One line for people. */
  message: string;
}

const WHAT = { missing: "missing", changed: "differs", stale: "no longer produced" } as const;

function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** What render has not applied yet, from the drift `render --check` finds; undefined when nothing. */
export function renderPending(state: RenderState, paths: { chartDir: string; applicationsDir: string }, configPath: string): RenderPending | undefined {
  const chart = state.drift.filter((d) => within(d.path, paths.chartDir));
  const apps = state.drift.filter((d) => within(d.path, paths.applicationsDir));
  if (!chart.length && !apps.length) return undefined;
  const parts: string[] = [];
  if (chart.length) {
    const first = chart[0]!;
    const more = chart.length > 1 ? ` and ${chart.length - 1} more` : "";
    parts.push(`the chart is not what ${configPath} generates (${posix.relative(paths.chartDir, first.path)} ${WHAT[first.kind]}${more}): shown is what \`llmchart render\` will produce`);
  }
  if (apps.length) {
    const listed = apps.slice(0, 3).map((d) => `${posix.basename(d.path)} ${WHAT[d.kind]}`);
    const more = apps.length > 3 ? ` and ${apps.length - 3} more` : "";
    parts.push(`the Argo CD Applications are stale (${listed.join(", ")}${more}), so Argo CD still deploys the old set of models`);
  }
  return {
    chart: chart.map((d) => d.path),
    applications: apps.map((d) => d.path),
    message: `render has not run: ${parts.join("; ")} — run \`llmchart render\` and commit the result`,
  };
}

/**
 * The chart render would leave on disk: the generated files, plus the hand-written files of the
 * chart folder (no generated header: render never touches them). `disk`: the chart folder's files.
 */
export function chartAfterRender(state: RenderState, disk: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const out = new Map<string, Buffer>(state.chartFiles.map((f) => [f.path, Buffer.from(f.content, "utf8")]));
  for (const [path, content] of disk) if (!out.has(path) && !isGenerated(content)) out.set(path, content);
  return out;
}
