import type { ModelFacts } from "./shape.js";

export { LOCK_FILE } from "@llmchart/schema/config-file";

/** One pinned model file: what `llmchart models pin` read, from where and when. */
export interface PinnedModel {
  /** The Hugging Face repository (`model.repoId`); empty for a file pinned from a bare download URL or a local file. */
  repoId: string;
  /** `model.filename`. */
  filename: string;
  /** The file's SHA256, when the server publishes it or the file was read locally. */
  sha256?: string;
  /** The file's size in bytes. */
  sizeBytes: number;
  /** Where the header was read: the URL (without credentials) or `file:<path as given>`. */
  source: string;
  /** When it was read (ISO 8601, UTC). */
  readAt: string;
  /** The repository commit the URL resolved to, when the Hub said (`X-Repo-Commit`). */
  revision?: string;
  facts: ModelFacts;
}

/** Lock entries by model, as lint reads them: never the network. */
export interface ModelLock {
  /** The lock file, root-relative (for messages). */
  readonly file: string;
  readonly entries: readonly PinnedModel[];
}

/** The key of an entry: `repoId` + `filename`. */
export function lockKey(repoId: string | undefined, filename: string): string {
  return `${repoId ?? ""}\0${filename}`;
}

/** How a values file's model stands in the lock. */
export type PinStatus =
  | { kind: "pinned"; entry: PinnedModel }
  /** No entry for this repoId + filename. */
  | { kind: "not-pinned" }
  /** An entry for this repoId + filename, but for other content: its sha256 or size differs from the values'. */
  | { kind: "other-file"; entry: PinnedModel; why: string };

const indexes = new WeakMap<ModelLock, Map<string, PinnedModel>>();

/**
 * The lock entry for a values file's model: found by `repoId` + `filename`, and only if it is for
 * the same content — a `model.sha256` or `model.sizeBytes` in the values that differs from the
 * entry's means the entry is for another file.
 */
export function pinOf(lock: ModelLock | undefined, model: { repoId?: string; filename?: string; sha256?: string; sizeBytes?: number }): PinStatus {
  if (!lock || !model.filename) return { kind: "not-pinned" };
  let index = indexes.get(lock);
  if (!index) {
    index = new Map(lock.entries.map((e) => [lockKey(e.repoId, e.filename), e]));
    indexes.set(lock, index);
  }
  const entry = index.get(lockKey(model.repoId, model.filename));
  if (!entry) return { kind: "not-pinned" };
  if (model.sha256 && entry.sha256 && model.sha256 !== entry.sha256) {
    return { kind: "other-file", entry, why: `the lock has sha256 ${entry.sha256.slice(0, 12)}…, model.sha256 is ${model.sha256.slice(0, 12)}…` };
  }
  if (model.sizeBytes !== undefined && model.sizeBytes !== entry.sizeBytes) {
    return { kind: "other-file", entry, why: `the lock has ${entry.sizeBytes} bytes, model.sizeBytes is ${model.sizeBytes}` };
  }
  return { kind: "pinned", entry };
}
