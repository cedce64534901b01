import { posix, resolve } from "node:path";
import { refuseReadOnly, writeFileAtomic } from "./atomic.js";
import { InputError, InputErrors, UsageError } from "./errors.js";
import { describeFsError, parseSourceText, readSourceText } from "./files.js";
import type { Project } from "./project.js";
import { editTarget } from "./safe-path.js";
import { listValuesFiles } from "./values-files.js";

export interface RotateOptions {
  project: Project;
  /** Model names, or "all". */
  models: readonly string[] | "all";
  key: string;
  value: string;
}

export interface RotateResult {
  /** Per values file: whether it changed (false: the annotation already had that value). */
  files: { path: string; model: string; changed: boolean }[];
}

/**
 * Bumps the rollout annotation (`podAnnotations[key] = value`) in the models' values files so
 * Argo CD derives a new pod template and rolls the pods. Every file is read and edited before
 * the first write: one bad file leaves every file untouched.
 */
export async function rotateModels(options: RotateOptions): Promise<RotateResult> {
  const { project, key, value } = options;
  const sync = await import("@llmchart/sync");
  const badValue = sync.rotationValueProblem(value);
  if (badValue) throw new UsageError(badValue);
  const listing = listValuesFiles(project.root, project.layout.valuesDir);
  let files: string[];
  if (options.models === "all") {
    if (listing.problems.length) throw new InputErrors(listing.problems.map((p) => new InputError(p.file, p.message)));
    files = listing.files;
  } else {
    const byModel = new Map(listing.files.map((f) => [sync.modelOf(f), f]));
    files = options.models.map((m) => {
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(m)) throw new UsageError(`"${m}" is not a model name (the values file name without .yaml)`);
      const file = byModel.get(m);
      // A file the listing refused (a link out of the repository, a dangling link) says why, not "no values file".
      const refused = listing.problems.find((p) => sync.modelOf(p.file) === m);
      if (!file && refused) throw new InputError(refused.file, `${refused.message} (${refused.ruleId})`);
      if (!file) throw new InputError(posix.join(project.layout.valuesDir, `${m}.yaml`), `no values file for model "${m}"`);
      return file;
    });
  }
  const errors: InputError[] = [];
  const edits: { path: string; model: string; text: string; changed: boolean; target: string; mode: number }[] = [];
  for (const f of files) {
    try {
      const source = parseSourceText(readSourceText(project.root, f));
      if (source.doc.errors.length) {
        const e = source.doc.errors[0]!;
        const pos = source.lineCounter.linePos(e.pos[0]);
        throw new InputError(source.path, `cannot edit a file with YAML errors (${e.message.split("\n")[0]}); nothing was changed`, { line: pos.line, column: pos.col });
      }
      // Where the file really is (a symlinked values file keeps its link); refused outside the repository.
      const target = editTarget(project.root, resolve(project.root, source.path), source.path);
      refuseReadOnly(target, source.path);
      const r = sync.rotateFile(target, source, value, key);
      edits.push({ path: source.path, model: sync.modelOf(source.path), text: r.text, changed: r.status === "changed", target, mode: r.mode });
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else if (err instanceof sync.RotationRefused) errors.push(new InputError(f, err.message, { line: err.line, column: err.column }));
      else throw err;
    }
  }
  if (errors.length) throw new InputErrors(errors);
  for (const e of edits) {
    if (!e.changed) continue;
    try {
      writeFileAtomic(e.target, e.text, e.mode);
    } catch (err) {
      throw new InputError(e.path, `cannot write: ${describeFsError(err)}`);
    }
  }
  return { files: edits.map(({ path, model, changed }) => ({ path, model, changed })) };
}
