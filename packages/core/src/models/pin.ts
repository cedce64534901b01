import type { PinnedModel } from "@llmchart/policy";
import { parseSource, type SourceFile } from "@llmchart/schema";
import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { writeFileAtomic } from "../atomic.js";
import { InputError, UsageError } from "../errors.js";
import { describeFsError, readSourceText } from "../files.js";
import type { Project } from "../project.js";
import { assertGeneratedTarget, editTarget } from "../safe-path.js";
import { listValuesFiles } from "../values-files.js";
import { factsFromHeader } from "./facts.js";
import { parseLockText, sameEntry, serializeLock } from "./lock-file.js";
import { withSha256 } from "./sha256-edit.js";

export interface PinModelsOptions {
  project: Project;
  /** Model names (values file names without extension); default every values file. */
  models?: readonly string[];
  /** `--offline --file <path>`: read this local file for the one model named, never the network. */
  offlineFile?: string;
  /** Where HF_TOKEN and HF_ENDPOINT come from (default process.env). */
  env?: Record<string, string | undefined>;
  /** The clock, for `readAt` (tests pass a fixed one). */
  now?: () => Date;
  /** Per-model time limit for the network reads, in ms (default 60 s). */
  timeoutMs?: number;
}

/** One model's outcome. */
export type PinOutcome =
  | { model: string; file: string; ok: true; entry: PinnedModel; changed: boolean; sha256Filled: boolean }
  | { model: string; file: string; ok: false; message: string };

export interface PinModelsResult {
  outcomes: PinOutcome[];
  /** The lock file, root-relative, and whether this run changed it. */
  lockFile: string;
  lockWritten: boolean;
  /** Values files whose empty model.sha256 was filled. */
  valuesWritten: string[];
}

interface ModelRef {
  model: string;
  file: string;
  source: SourceFile;
  repoId: string | undefined;
  filename: string;
  downloadUrl: string | undefined;
  sha256: string | undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** The values files to pin, by model name; an unknown name is a usage error listing the models. */
function selectFiles(project: Project, names: readonly string[] | undefined): { model: string; file: string }[] {
  const listing = listValuesFiles(project.root, project.layout.valuesDir);
  const all = listing.files.map((file) => ({ model: basename(file).replace(/\.ya?ml$/i, ""), file }));
  if (!names?.length) return all;
  const unknown = names.filter((n) => !all.some((m) => m.model === n));
  if (unknown.length) throw new UsageError(`unknown model${unknown.length === 1 ? "" : "s"} ${unknown.map((m) => `"${m}"`).join(", ")} (models: ${all.map((m) => m.model).join(", ") || "none"})`);
  return all.filter((m) => names.includes(m.model));
}

/** A values file's model section, or why it cannot be pinned. */
function refOf(project: Project, sel: { model: string; file: string }): ModelRef | string {
  let source: SourceFile;
  try {
    source = parseSource(sel.file, readSourceText(project.root, sel.file).text);
  } catch (err) {
    return err instanceof InputError ? err.message : String(err);
  }
  if (source.doc.errors.length) return `${sel.file} has YAML errors (see llmchart lint)`;
  const m = source.doc.toJS() as { model?: Record<string, unknown> } | null;
  const model = m && typeof m === "object" ? m.model : undefined;
  const filename = text(model?.filename);
  if (!filename) return "no model.filename to pin";
  return { ...sel, source, filename, repoId: text(model?.repoId), downloadUrl: text(model?.downloadUrl), sha256: text(model?.sha256) };
}

/**
 * Reads one model's size, SHA256 and header facts: from `offlineFile` (its SHA256 computed), or
 * over HTTP — a HEAD on `model.downloadUrl` or the Hub's resolve URL for the published SHA256 and
 * size, then the header through range requests. Every failure is one line.
 */
async function readEntry(ref: ModelRef, options: PinModelsOptions, now: Date): Promise<PinnedModel | string> {
  const gguf = await import("@llmchart/gguf");
  const env = options.env ?? process.env;
  const split = gguf.splitPart(ref.filename);
  if (split) return `${ref.filename} is part ${split.part} of ${split.count} of a split model: the chart downloads one file, so merge the parts (llama-gguf-split --merge) or pick a single-file quantisation`;
  try {
    if (options.offlineFile !== undefined) {
      const path = resolve(options.project.cwd, options.offlineFile);
      const header = await gguf.readGgufHeader({ file: path });
      const { sha256, size } = await gguf.sha256File(path);
      return entryOf(ref, header, { sha256, size, source: `file:${basename(path)}`, revision: undefined }, now);
    }
    const url = ref.downloadUrl ?? (ref.repoId ? gguf.hubResolveUrl(ref.repoId, ref.filename, { endpoint: gguf.hubEndpoint(env) }) : undefined);
    if (!url) return "no model.repoId or model.downloadUrl to read it from";
    const token = env.HF_TOKEN?.trim() || undefined;
    const deadline = Date.now() + (options.timeoutMs ?? gguf.DEFAULT_TIMEOUT_MS);
    const head = await gguf.headFile(url, { token, deadline });
    const header = await gguf.readGgufHeader({ url }, { token, timeoutMs: Math.max(1, deadline - Date.now()) });
    const size = head.size ?? header.fileSize;
    if (size === undefined) return `${gguf.shownUrl(url)}: the server states no size for the file`;
    return entryOf(ref, header, { sha256: head.sha256, size, source: gguf.shownUrl(url), revision: head.commit }, now);
  } catch (err) {
    if (err instanceof gguf.GgufError) return err.message;
    throw err;
  }
}

function entryOf(
  ref: ModelRef,
  header: Parameters<typeof factsFromHeader>[0],
  read: { sha256: string | undefined; size: number; source: string; revision: string | undefined },
  now: Date,
): PinnedModel | string {
  const facts = factsFromHeader(header);
  if (!facts) return `${read.source}: the GGUF header names no architecture (general.architecture), so it is not a model llama-server loads`;
  if (ref.sha256 && read.sha256 && ref.sha256 !== read.sha256) {
    return `model.sha256 (${ref.sha256.slice(0, 12)}…) is not the SHA256 of ${read.source} (${read.sha256.slice(0, 12)}…): fix model.sha256 or model.filename, then pin again`;
  }
  return {
    repoId: ref.repoId ?? "",
    filename: ref.filename,
    ...(read.sha256 ? { sha256: read.sha256 } : {}),
    sizeBytes: read.size,
    source: read.source,
    ...(read.revision ? { revision: read.revision } : {}),
    readAt: now.toISOString(),
    facts,
  };
}

/**
 * Where a file will be written, and its mode: the lock file as a generated file (inside the
 * repository, never through a symlink), a values file as lint --fix edits one (its real path).
 */
function targetOf(root: string, rel: string, generated: boolean): { abs: string; mode: number } {
  let abs = resolve(root, rel);
  if (generated) assertGeneratedTarget(root, abs, rel);
  else abs = editTarget(root, abs, rel);
  try {
    return { abs, mode: statSync(abs).mode & 0o777 };
  } catch {
    return { abs, mode: 0o644 };
  }
}

/** Writes every file atomically, after checking every target first: a refused target leaves all files as they were. */
function writeAll(root: string, files: readonly { file: string; text: string; what: "lock file" | "values file" }[]): void {
  const targets = files.map((f) => ({ ...f, ...targetOf(root, f.file, f.what === "lock file") }));
  for (const t of targets) {
    try {
      writeFileAtomic(t.abs, t.text, t.mode);
    } catch (err) {
      throw new InputError(t.file, `cannot write the ${t.what}: ${describeFsError(err)}`);
    }
  }
}

/**
 * `llmchart models pin`: reads each model file's size, SHA256 and GGUF header facts (over HTTP
 * range requests, or from a local file with `offlineFile`) and records them in the lock file
 * beside the config, one entry per repoId + filename; then fills an empty `model.sha256` in the
 * values file. Every read happens before anything is written; the lock and the values files are
 * written atomically, and only when their text changes. A model that cannot be read is an outcome
 * with its reason; the others are still pinned.
 */
export async function pinModels(options: PinModelsOptions): Promise<PinModelsResult> {
  const { project } = options;
  if (options.offlineFile !== undefined && options.models?.length !== 1) throw new UsageError("--offline --file <path> pins one model: name it, e.g. `llmchart models pin --offline --file phi-2.Q4_K_M.gguf phi2`");
  const selected = selectFiles(project, options.models);
  const now = (options.now ?? (() => new Date()))();
  const existingText = project.lockText();
  const entries = new Map((existingText === null ? [] : parseLockText(project.lockFile, existingText).entries).map((e) => [`${e.repoId}\0${e.filename}`, e]));
  const outcomes: PinOutcome[] = [];
  const edits: { file: string; text: string }[] = [];
  for (const sel of selected) {
    const ref = refOf(project, sel);
    if (typeof ref === "string") {
      outcomes.push({ ...sel, ok: false, message: ref });
      continue;
    }
    const read = await readEntry(ref, options, now);
    if (typeof read === "string") {
      outcomes.push({ ...sel, ok: false, message: read });
      continue;
    }
    const key = `${read.repoId}\0${read.filename}`;
    const before = entries.get(key);
    // Re-pinning an unchanged file keeps its entry (and when it was read): nothing changes.
    const entry = before && sameEntry(before, read) ? before : read;
    entries.set(key, entry);
    const filled = !ref.sha256 && entry.sha256 ? withSha256(ref.source, entry.sha256) : undefined;
    if (filled !== undefined) edits.push({ file: sel.file, text: filled });
    outcomes.push({ ...sel, ok: true, entry, changed: entry !== before, sha256Filled: filled !== undefined });
  }
  const lockText = serializeLock([...entries.values()]);
  const lockWritten = lockText !== existingText && outcomes.some((o) => o.ok);
  writeAll(project.root, [...(lockWritten ? [{ file: project.lockFile, text: lockText, what: "lock file" as const }] : []), ...edits.map((e) => ({ ...e, what: "values file" as const }))]);
  return { outcomes, lockFile: project.lockFile, lockWritten, valuesWritten: edits.map((e) => e.file) };
}
