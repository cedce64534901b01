import { type Problem } from "@llmchart/schema";
import { leadsOutsideRepository, OUTSIDE_REPOSITORY_MESSAGE } from "@llmchart/schema/repository";
import { modelNameProblem, modelOf } from "@llmchart/sync";
import { posix, resolve } from "node:path";
import type { Project } from "../project.js";
import { fileProblem } from "../values-files.js";

/**
 * `layout/model-name` for the values files of the layout (`<valuesDir>/*.yaml`) among `paths`
 * (root-relative) whose name render refuses: lint and the editor report what render and check
 * report, from the same check (`modelNameProblem`). Other files are not models and have no name.
 */
export function modelNameProblems(project: Project, paths: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const path of paths) {
    if (posix.dirname(path) !== project.layout.valuesDir || !/\.ya?ml$/i.test(path)) continue;
    // A name with a "/" never reaches here: dirname would differ. modelOf only drops the extension.
    if (!modelOf(path)) continue;
    const problem = modelNameProblem(project.config, path);
    if (problem) out.push(problem);
  }
  return out;
}

/**
 * The file-level checks of in-memory documents (an editor's buffers): a buffer whose file on
 * disk is a symbolic link out of the repository is `io/outside-repository` and is not linted —
 * the editor may show the target's text, llmchart's output never carries it — and a values file
 * render would refuse by name is `layout/model-name` (its content is still linted).
 */
export function documentFileProblems<D extends { path: string }>(project: Project, docs: readonly D[]): { usable: D[]; problems: Problem[] } {
  const usable: D[] = [];
  const problems: Problem[] = [];
  for (const doc of docs) {
    if (leadsOutsideRepository(project.root, resolve(project.root, doc.path))) {
      problems.push(fileProblem(doc.path, "io/outside-repository", "error", OUTSIDE_REPOSITORY_MESSAGE));
      continue;
    }
    usable.push(doc);
  }
  problems.push(...modelNameProblems(project, usable.map((d) => d.path)));
  return { usable, problems };
}
