import { CONFIG_FILE, formatPath, locate, nodeRange, type PathSegment, type ResolvedConfig, type SourceFile } from "@llmchart/schema";
import { isDeepStrictEqual } from "node:util";
import { getIn } from "./define-rule.js";

/**
 * Where a person sets a chart default: `llmchart.config.yaml:52:7 defaults.affinity…` when the
 * effective value at `segments` is the one the config's `defaults:` sets (render writes that
 * section into the generated chart's values.yaml, which nobody should edit). Undefined when the
 * config does not set that value — a schema default, or a values.yaml render has not caught up with.
 * The position needs the parsed config (`configSource`); without it only the file and key are named.
 */
export function configDefaultAt(config: ResolvedConfig, configSource: SourceFile | undefined, segments: readonly PathSegment[], value: unknown): string | undefined {
  if (!segments.length) return undefined;
  const set = getIn(config.defaults, segments);
  if (set === undefined || !isDeepStrictEqual(set, value)) return undefined;
  const key = formatPath(["defaults", ...segments]);
  if (!configSource) return `${CONFIG_FILE} ${key}`;
  const loc = locate(configSource.doc, ["defaults", ...segments]);
  const range = nodeRange(loc.keyNode ?? loc.node ?? loc.nearest);
  if (!range) return `${configSource.path} ${key}`;
  const at = configSource.lineCounter.linePos(range[0]);
  return `${configSource.path}:${at.line}:${at.col} ${key}`;
}
