import type { DiffResult } from "@llmchart/diff";
import type { FormatterSet } from "../types.js";

export type DiffFormatName = "stylish" | "markdown" | "json";

export interface DiffFormatContext {
  /** Colour escapes allowed (stylish only). */
  color: boolean;
}

/**
 * `llmchart diff --format`: the text of a diff result. The renderings are `@llmchart/diff`'s pure
 * functions (they are what its tests and the core diff tests judge); the package loads only
 * when a diff is printed.
 */
export const diffFormatters: FormatterSet<DiffFormatName, DiffResult, DiffFormatContext> = {
  names: ["stylish", "markdown", "json"],
  async load(name) {
    const lib = await import("@llmchart/diff");
    switch (name) {
      case "stylish":
        return (result, context) => lib.formatStylish(result, { color: context.color });
      case "markdown":
        return (result) => lib.formatMarkdown(result);
      case "json":
        return (result) => lib.formatJson(result);
    }
  },
};
