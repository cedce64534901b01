import { type Problem, type RuleMeta } from "@llmchart/schema";
import { lstatSync, readdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { leadsOutsideRepository, OUTSIDE_REPOSITORY_MESSAGE } from "@llmchart/schema/repository";
import { InputError, OutsideRepositoryError } from "./errors.js";
import { describeFsError, readSourceText } from "./files.js";

/**
 * Rules about the layout's files as a whole (not their content): what the listing below and the
 * readers report (`io/*`, `layout/duplicate-model`), and `layout/model-name`, which lint, render
 * and check report for a values file whose name is not a model name (`modelNameProblem`).
 */
export const layoutRules: readonly RuleMeta[] = [
  {
    id: "layout/model-name",
    description: "A values file name is not a valid model name (it becomes a release and resource name).",
    defaultSeverity: "error",
    help:
      "The model name is the values file's name without `.yaml`: it must be a DNS label (lowercase letters, digits and `-`, starting and ending with a letter or digit), and the release (`<releasePrefix><model>`, at most 53 characters) and resource names (`<release>-<chart>`, at most 63) it becomes must fit. `lint`, the editor, `check` and `render` all report it, from the same check, at line 1 of the file; lint still judges the file's content, render writes no Application for it.",
  },
  { id: "layout/duplicate-model", description: "Two values files name the same model (`x.yaml` next to `x.yml`); only one can own its Application.", defaultSeverity: "error" },
  { id: "io/unreadable", description: "A file of the layout cannot be read (a dangling symlink, no permission, not UTF-8, too large).", defaultSeverity: "error" },
  {
    id: "io/outside-repository",
    description: "A values or config file is a symbolic link that leads outside the repository (or into its .git folder); it is never read, so nothing of it reaches any output.",
    defaultSeverity: "error",
    help:
      "The repository is the git work tree's top folder (the project root when there is no git). A file named inside it must still be inside it once symbolic links are resolved, and not in `.git` (a clone's `.git/config` may hold a token). Otherwise lint, check (the pre-commit hook and its early start too), render, diff, rotate, capacity and the editor refuse it at line 1 of the link, without opening it, and init infers nothing from it; render and check leave that model out and go on with the others. For the config, every command stops (exit 2). The message names the link only — never its target, which may be a path in someone's home folder. A link to another file inside the repository is read as before; a file you name outside the repository on the command line is yours to read. In `check --staged` the repository is the staged copy of the layout. Replace the link with the file itself.",
  },
];

/** A problem about a whole file (line 1), for findings that have no position inside it. */
export function fileProblem(file: string, ruleId: string, severity: Problem["severity"], message: string): Problem {
  return { ruleId, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1, path: "" };
}

/** The values files of a layout, and the problems of the ones that cannot be used. */
export interface ValuesListing {
  /** Usable values files, root-relative, sorted. */
  files: string[];
  /**
   * `layout/duplicate-model` for `x.yml` next to `x.yaml`; `io/unreadable` for a dangling link or
   * a non-file; `io/outside-repository` for a link that leads out of the repository (never read).
   */
  problems: Problem[];
}

/**
 * The values files of the layout (`<valuesDir>/*.yaml|yml`). A layout without a values folder
 * has no models yet. One bad entry never hides the others: a second file for the same model or
 * an entry that is not a readable file becomes a problem on that entry, and the rest are listed.
 */
export function listValuesFiles(root: string, valuesDir: string): ValuesListing {
  let entries: string[];
  try {
    entries = readdirSync(join(root, valuesDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { files: [], problems: [] };
    throw new InputError(valuesDir, describeFsError(err));
  }
  const files: string[] = [];
  const problems: Problem[] = [];
  const byModel = new Map<string, string>();
  // `.yaml` before `.yml`, so the conventional name is the one that wins.
  const yaml = entries.filter((e) => /\.ya?ml$/i.test(e)).sort((a, b) => {
    const ma = a.replace(/\.ya?ml$/i, "");
    const mb = b.replace(/\.ya?ml$/i, "");
    return ma < mb ? -1 : ma > mb ? 1 : /\.yaml$/i.test(a) ? -1 : 1;
  });
  for (const name of yaml) {
    const rel = posix.join(valuesDir, name);
    const abs = join(root, rel);
    if (leadsOutsideRepository(root, abs)) {
      problems.push(fileProblem(rel, "io/outside-repository", "error", OUTSIDE_REPOSITORY_MESSAGE));
      continue;
    }
    try {
      const st = statSync(abs);
      if (!st.isFile()) {
        problems.push(fileProblem(rel, "io/unreadable", "error", st.isDirectory() ? "is a directory, expected a values file" : "is not a regular file"));
        continue;
      }
    } catch (err) {
      let why = describeFsError(err);
      try {
        if (lstatSync(abs).isSymbolicLink() && (err as NodeJS.ErrnoException).code === "ENOENT") why = "dangling symbolic link (its target does not exist)";
      } catch {
        // gone meanwhile: describe as read
      }
      problems.push(fileProblem(rel, "io/unreadable", "error", why));
      continue;
    }
    const model = name.replace(/\.ya?ml$/i, "");
    const first = byModel.get(model);
    if (first !== undefined) {
      problems.push(fileProblem(rel, "layout/duplicate-model", "error", `model "${model}" already has the values file ${first}; one model, one file — merge them and delete this one`));
      continue;
    }
    byModel.set(model, rel);
    files.push(rel);
  }
  files.sort();
  return { files, problems };
}

/**
 * Reads values files without parsing them; one that cannot be read is an `io/unreadable`
 * problem on it (`io/outside-repository` for a link out of the repository, which is never
 * opened), and the rest are still read (one bad file never hides the others).
 */
export function readValuesTexts(root: string, paths: readonly string[]): { files: { path: string; text: string }[]; problems: Problem[] } {
  const files: { path: string; text: string }[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    try {
      files.push(readSourceText(root, p));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      if (err instanceof OutsideRepositoryError) {
        problems.push(fileProblem(p, err.ruleId, "error", err.reason));
        continue;
      }
      problems.push(fileProblem(p, "io/unreadable", "error", err.detail));
    }
  }
  return { files, problems };
}
