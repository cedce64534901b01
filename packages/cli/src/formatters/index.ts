import type { Formatter, FormatterSet } from "./types.js";
import { selectFormatter } from "./select.js";

export type { Formatter, FormatContext, FormatterSet } from "./types.js";
export { selectFormatter } from "./select.js";

export const FORMAT_NAMES = ["stylish", "compact", "json", "sarif", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The problem formatters: lint, check, render, new and init print problems with these. */
export const problemFormatters: FormatterSet<FormatName, Parameters<Formatter>[0], Parameters<Formatter>[1]> = {
  names: FORMAT_NAMES,
  async load(name) {
    switch (name) {
      case "stylish":
        return (await import("./problems/stylish.js")).stylish;
      case "compact":
        return (await import("./problems/compact.js")).compact;
      case "json":
        return (await import("./problems/json.js")).json;
      case "sarif":
        return (await import("./problems/sarif.js")).sarif;
      case "github":
        return (await import("./problems/github.js")).github;
    }
  },
};

/** Loads only the problem formatter asked for; a UsageError for an unknown name. */
export function loadFormatter(name: string): Promise<Formatter> {
  return selectFormatter(problemFormatters, name);
}
