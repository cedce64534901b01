import { UsageError } from "@llmchart/core/errors";
import type { Formatter } from "./types.js";

export type { Formatter, FormatContext } from "./types.js";

export const FORMAT_NAMES = ["stylish", "compact", "json", "sarif", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Loads only the formatter asked for (start-up cost matters on the pre-commit path). */
export async function loadFormatter(name: string): Promise<Formatter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).stylish;
    case "compact":
      return (await import("./compact.js")).compact;
    case "json":
      return (await import("./json.js")).json;
    case "sarif":
      return (await import("./sarif.js")).sarif;
    case "github":
      return (await import("./github.js")).github;
    default:
      throw new UsageError(`unknown format "${name}" (expected ${FORMAT_NAMES.join(", ")})`);
  }
}
