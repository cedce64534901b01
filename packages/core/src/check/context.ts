import type { Problem } from "@llmchart/schema";
import { join, posix, relative, sep } from "node:path";
import { capacityCheckProblems } from "../capacity.js";
import { git, under } from "../git.js";
import type { ChartDefaults } from "../lint/chart-defaults.js";
import type { Project } from "../project.js";

/** What a commit (or a change) touches, as check's scope found it. */
export interface TouchedScope {
  /** Values files in scope: the ones the change touches. */
  values: readonly string[];
  /** Whether the config, the chart or the schemas changed: then every model is judged. */
  config: boolean;
  /** Every changed file, root-relative (deleted values files included). */
  changed: readonly string[];
}

/** Where the base of the change is: the git revision and how to name a root-relative file there. */
export interface ChangeBase {
  rev: string;
  /** The repository's top-level folder and the project root (the real one, not a staged copy). */
  top: string;
  root: string;
}

/** Findings judged across models: a change to one model can move another (capacity packing). */
const CROSS_MODEL = /^capacity\//;

/**
 * A hook judges what the commit touches. A capacity finding in a values file the change does not
 * touch is kept as it is when the change caused it (it is not there at the base: a model grew and
 * pushed another off its node), and otherwise becomes context: severity `info` (never the exit
 * code) with a note. A change to the config, the chart or the schemas judges every model, and the
 * node pools live in the config, so nothing is context then.
 */
export async function judgeWhatChanged(
  problems: Problem[],
  project: Project,
  scope: TouchedScope,
  baseOf: (() => Promise<ChangeBase | undefined>) | undefined,
  defaults?: ChartDefaults,
): Promise<Problem[]> {
  if (scope.config) return problems;
  const touched = new Set(scope.values);
  const untouched = problems.filter((p) => CROSS_MODEL.test(p.ruleId) && !touched.has(p.file) && p.severity !== "info");
  if (!untouched.length) return problems;
  const base = await baseOf?.();
  const before = base ? await baseFindings(project, scope, base, defaults) : undefined;
  const names = [...touched].map((f) => posix.basename(f)).join(", ") || "the values folder";
  return problems.map((p) => {
    if (!untouched.includes(p)) return p;
    if (before && !before.has(`${p.ruleId}\0${p.file}`)) return { ...p, message: `${p.message} (since this change to ${names}: not so before it)` };
    return { ...p, severity: "info", message: `${p.message} [context: ${p.file.split("/").pop()} is not part of this change, and ${before ? "was so before it" : "its state before the change is unknown"}; shown, not judged]` };
  });
}

/** The cross-model findings at the base: the touched and deleted values files as the base revision holds them. */
async function baseFindings(project: Project, scope: TouchedScope, base: ChangeBase, defaults: ChartDefaults | undefined): Promise<Set<string>> {
  const files = new Set([...scope.values, ...scope.changed.filter((p) => under(p, project.layout.valuesDir) && /\.ya?ml$/i.test(p))]);
  const replace = new Map<string, string | null>();
  await Promise.all(
    [...files].map(async (file) => {
      const inTop = relative(base.top, join(base.root, file)).split(sep).join("/");
      // Not at the base (a new model, or no commit yet): the base has no such file.
      const text = await git(base.root, ["show", `${base.rev}:${inTop}`]).catch(() => null);
      replace.set(file, text);
    }),
  );
  const found = await capacityCheckProblems(project, replace, defaults);
  return new Set(found.filter((p) => CROSS_MODEL.test(p.ruleId)).map((p) => `${p.ruleId}\0${p.file}`));
}
