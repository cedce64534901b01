import { modelOf, rotateFile, RotationRefused, rotationStamp, rotationValueProblem, ROLLOUT_ANNOTATION } from "@llmchart/sync";
import { join, resolve } from "node:path";
import { parseCommandArgs } from "../args.js";
import { writeFileAtomic } from "../atomic.js";
import { InputError, UsageError } from "../errors.js";
import { defaultValuesFiles, describeFsError, readSourceFiles, VALUES_DIR } from "../files.js";
import { editTarget } from "../safe-path.js";
import type { Io } from "../io.js";

export const rotateHelp = `Usage: llmchart rotate <model...> | --all [--key <annotation>] [--value <text>]

After a Secret changed (e.g. hf-token), bump the rollout annotation in the models' values files
so Argo CD derives a new pod template and rolls the pods. Only the value's characters change:
comments, formatting, a byte order mark, line endings and the file mode are kept. A read-only
file, or a podAnnotations that is not a mapping, is refused and nothing is written.

Options:
      --all             every model in ${VALUES_DIR}
      --key <name>      annotation to bump (default: ${ROLLOUT_ANNOTATION})
      --value <text>    value to set (default: the current UTC time, e.g. 2026-11-27T10-15-00Z)
`;

export async function rotate(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      key: { type: "string", default: ROLLOUT_ANNOTATION },
      value: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(rotateHelp);
    return 0;
  }
  if (values.all === positionals.length > 0) {
    throw new UsageError(values.all ? "give either model names or --all, not both" : "name the models to rotate, or pass --all");
  }
  const key = values.key ?? ROLLOUT_ANNOTATION;
  if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
    throw new UsageError(`"${key}" is not a valid annotation key`);
  }
  const value = values.value ?? rotationStamp(new Date());
  const badValue = rotationValueProblem(value);
  if (badValue) throw new UsageError(badValue);
  const files = values.all ? defaultValuesFiles(io.cwd) : positionals.map((m) => {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(m)) throw new UsageError(`"${m}" is not a model name (the values file name without .yaml)`);
    return join(io.cwd, VALUES_DIR, `${m}.yaml`);
  });
  // Read and edit everything first, then write: a bad file leaves every file untouched.
  const sources = readSourceFiles(io.cwd, files);
  const broken = sources.find((s) => s.doc.errors.length > 0);
  if (broken) {
    const e = broken.doc.errors[0]!;
    const pos = broken.lineCounter.linePos(e.pos[0]);
    io.stderr(`llmchart: ${broken.path}:${pos.line}:${pos.col}: cannot edit a file with YAML errors (${e.message.split("\n")[0]}); nothing was changed\n`);
    return 1;
  }
  // Where each file really is (a symlinked values file keeps its link); refused when that is outside the repository.
  const edits = sources.map((s) => {
    const target = editTarget(io.cwd, resolve(io.cwd, s.path), s.path);
    try {
      return { source: s, target, ...rotateFile(target, s, value, key) };
    } catch (err) {
      if (err instanceof RotationRefused) throw new InputError(`${s.path}:${err.line}:${err.column}`, err.message);
      throw new InputError(s.path, `cannot read: ${describeFsError(err)}`);
    }
  });
  for (const { source, text, target, status, mode } of edits) {
    if (status === "unchanged") {
      io.stdout(`${source.path}: podAnnotations["${key}"] is already ${JSON.stringify(value)}, unchanged\n`);
      continue;
    }
    try {
      writeFileAtomic(target, text, mode);
    } catch (err) {
      throw new InputError(source.path, `cannot write: ${describeFsError(err)}`);
    }
    io.stdout(`${source.path}: podAnnotations["${key}"] = ${JSON.stringify(value)} (Argo CD will roll ${modelOf(source.path)})\n`);
  }
  return 0;
}
