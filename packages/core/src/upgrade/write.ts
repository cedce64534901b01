import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { InputError, InputErrors } from "../errors.js";
import { describeFsError } from "../files.js";
import { editTarget } from "../safe-path.js";

/** A file to write back: root-relative path and its whole new text (as read: without a BOM). */
export interface Rewrite {
  path: string;
  text: string;
}

interface Checked extends Rewrite {
  target: string;
  mode: number;
  bom: boolean;
}

function check(root: string, f: Rewrite): Checked {
  // Where the file really is (a symlinked values file keeps its link); refused outside the repository.
  const target = editTarget(root, resolve(root, f.path), f.path);
  let mode: number;
  let bom: boolean;
  try {
    mode = statSync(target).mode;
    const head = readFileSync(target).subarray(0, 3);
    bom = head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch (err) {
    throw new InputError(f.path, `cannot read it again before writing: ${describeFsError(err)}; nothing was changed`);
  }
  if ((mode & 0o222) === 0) throw new InputError(f.path, "the file is read-only; make it writable first; nothing was changed");
  return { ...f, target, mode: mode & 0o7777, bom };
}

/**
 * Writes every file, or none: each target is checked first (inside the repository, writable,
 * still readable), and only when all pass is each written atomically with its mode and its byte
 * order mark kept. One refused file is an InputErrors naming every refused one.
 */
export function writeAllOrNothing(root: string, files: readonly Rewrite[]): void {
  const checked: Checked[] = [];
  const errors: InputError[] = [];
  for (const f of files) {
    try {
      checked.push(check(root, f));
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length) throw new InputErrors(errors);
  for (const f of checked) {
    try {
      writeFileAtomic(f.target, f.bom ? `\ufeff${f.text}` : f.text, f.mode);
    } catch (err) {
      throw new InputError(f.path, `cannot write: ${describeFsError(err)}`);
    }
  }
}
