import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import { writeFileAtomic } from "./atomic.js";
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

const BOM = "\uFEFF";

/**
 * Writes an edited version of a person's file the way they had it: BOM and line endings as
 * before, file mode kept, atomically. A read-only file is refused, not replaced (rename would
 * replace it even without write permission on the file itself).
 */
export function writeEdited(root: string, shown: string, text: string): void {
  const target = editTarget(root, resolve(root, shown), shown);
  let raw: Buffer;
  let mode: number;
  try {
    raw = readFileSync(target);
    mode = statSync(target).mode & 0o777;
    accessSync(target, constants.W_OK);
    if ((mode & 0o222) === 0) throw Object.assign(new Error("read-only"), { code: "EACCES" });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(shown, code === "EACCES" || code === "EPERM" ? "file is read-only; nothing was changed (make it writable first)" : describeFsError(err));
  }
  const hadBom = raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  const crlf = raw.includes("\r\n");
  let out = text.replace(/\r\n/g, "\n");
  if (crlf) out = out.replace(/\n/g, "\r\n");
  if (hadBom && !out.startsWith(BOM)) out = BOM + out;
  try {
    writeFileAtomic(target, out, mode);
  } catch (err) {
    throw new InputError(shown, `cannot write: ${describeFsError(err)}`);
  }
}

/**
 * Bumps the rollout annotation (`podAnnotations[key] = value`) in the models' values files so
 * Argo CD derives a new pod template and rolls the pods. Every file is read and edited before
 * the first write: one bad file leaves every file untouched.
 */
export async function rotateModels(options: RotateOptions): Promise<RotateResult> {
  const { project, key, value } = options;
  const sync = await import("@llmchart/sync");
  if (/[\r\n]/.test(value)) throw new UsageError("--value must be one line (annotation values are shown one line per pod)");
  let files: string[];
  if (options.models === "all") {
    const listing = listValuesFiles(project.root, project.layout.valuesDir);
    if (listing.problems.length) throw new InputErrors(listing.problems.map((p) => new InputError(p.file, p.message)));
    files = listing.files;
  } else {
    files = options.models.map((m) => {
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(m)) throw new UsageError(`"${m}" is not a model name (the values file name without .yaml)`);
      const yaml = posix.join(project.layout.valuesDir, `${m}.yaml`);
      const yml = posix.join(project.layout.valuesDir, `${m}.yml`);
      try {
        statSync(join(project.root, yaml));
        return yaml;
      } catch {
        try {
          statSync(join(project.root, yml));
          return yml;
        } catch {
          throw new InputError(yaml, `no values file for model "${m}"`);
        }
      }
    });
  }
  const errors: InputError[] = [];
  const edits: { path: string; model: string; text: string; changed: boolean }[] = [];
  for (const f of files) {
    try {
      const source = parseSourceText(readSourceText(project.root, f));
      if (source.doc.errors.length) {
        const e = source.doc.errors[0]!;
        const pos = source.lineCounter.linePos(e.pos[0]);
        throw new InputError(`${source.path}:${pos.line}:${pos.col}`, `cannot edit a file with YAML errors (${e.message.split("\n")[0]}); nothing was changed`);
      }
      const text = sync.bumpRolloutAnnotation(source, value, key);
      edits.push({ path: source.path, model: sync.modelOf(source.path), text, changed: text !== source.text });
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else if (err instanceof Error && err.name === "RotateError") errors.push(new InputError(f, err.message));
      else throw err;
    }
  }
  if (errors.length) throw new InputErrors(errors);
  for (const e of edits) if (e.changed) writeEdited(project.root, e.path, e.text);
  return { files: edits.map(({ path, model, changed }) => ({ path, model, changed })) };
}
