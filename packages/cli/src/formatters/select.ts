import { UsageError } from "@llmchart/core/errors";
import type { Formatter, FormatterSet } from "./types.js";

/** The formatter `name` of a command's set; a UsageError listing the set's names for any other name. */
export async function selectFormatter<Name extends string, Result, Context, Output extends string | Promise<string>>(
  set: FormatterSet<Name, Result, Context, Output>,
  name: string,
): Promise<Formatter<Result, Context, Output>> {
  if (!(set.names as readonly string[]).includes(name)) throw new UsageError(`unknown format "${name}" (expected ${set.names.join(", ")})`);
  return set.load(name as Name);
}
