import { immutableProblems } from "@llmchart/diff";
import type { Problem } from "@llmchart/schema";
import { diffLayout } from "./diff-layout.js";
import type { DiffOptions } from "./options.js";

/** `check --since <rev>`: diff against `since` and return only the immutable-field problems. */
export async function checkImmutable(options: Omit<DiffOptions, "base"> & { since: string }): Promise<Problem[]> {
  const { since, ...rest } = options;
  return immutableProblems(await diffLayout({ ...rest, base: since }), options.cwd);
}
