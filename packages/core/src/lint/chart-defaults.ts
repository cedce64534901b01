import { chartValues } from "@llmchart/chart";
import { toData, yamlProblems, type SourceFile } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, InputErrors } from "../errors.js";
import { parseSourceText, readSourceText } from "../files.js";
import type { Project } from "../project.js";

/**
 * Where the chart defaults' plain data may be remembered between runs (`llmchart check` keeps it
 * in its cache, keyed by the file's path and text): a hit spares parsing the chart's values.yaml.
 * Only a file that parsed without errors is ever stored.
 */
export interface ChartDefaultsCache {
  get(path: string, text: string): Record<string, unknown> | undefined;
  set(path: string, text: string, data: Record<string, unknown>): void;
}

/** The chart defaults as plain data, and how messages name where they come from. */
export interface ChartDefaultsData {
  data: Record<string, unknown>;
  label: string;
}

/**
 * The chart's values.yaml — the defaults every values file is merged over — read at most once
 * and shared by every stage of a run that needs it (check's lint cache keys on its text, the
 * policy stage and capacity merge over its data, the manifest stage traces rendered fields to
 * it). Each view is computed on first use.
 */
export interface ChartDefaults {
  /** The file's shown path and text: null when there is none, undefined when it cannot be read. */
  text(): { path: string; text: string } | null | undefined;
  /**
   * Its plain data (from `cache` when the text is known there), or — before the chart is
   * generated — the values the generator would write into it. Unreadable, or with YAML errors,
   * it is unusable input: InputError/InputErrors (exit 2), on every call.
   */
  data(cache?: ChartDefaultsCache): ChartDefaultsData;
  /** The file parsed (for tracing a rendered field to a default); undefined when there is none or it cannot be read. */
  source(): SourceFile | undefined;
}

type Read = { file: { path: string; text: string } | null } | { error: unknown };

/** The chart defaults of `project`, read lazily, once. */
export function chartDefaults(project: Project): ChartDefaults {
  const rel = project.layout.chartValues;
  let read: Read | undefined;
  let data: { value: ChartDefaultsData } | { error: unknown } | undefined;
  let parsed: { value: SourceFile | undefined } | undefined;
  const readOnce = (): Read => {
    if (read) return read;
    try {
      read = { file: existsSync(join(project.root, rel)) ? readSourceText(project.root, rel) : null };
    } catch (error) {
      read = { error };
    }
    return read;
  };
  const file = () => {
    const r = readOnce();
    if ("error" in r) throw r.error;
    return r.file;
  };
  const text = () => {
    const r = readOnce();
    return "error" in r ? undefined : r.file;
  };
  return {
    text,
    data(cache) {
      if (!data) {
        try {
          data = { value: dataOf(project, file(), cache) };
        } catch (error) {
          data = { error };
        }
      }
      if ("error" in data) throw data.error;
      return data.value;
    },
    source() {
      if (!parsed) {
        const f = text();
        try {
          parsed = { value: f ? parseSourceText(f) : undefined };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  };
}

function dataOf(project: Project, read: { path: string; text: string } | null, cache?: ChartDefaultsCache): ChartDefaultsData {
  if (!read) return { data: chartValues(project.config), label: `the values schema's default; ${project.layout.chartValues} not found` };
  const hit = cache?.get(read.path, read.text);
  if (hit) return { data: hit, label: read.path };
  const source = parseSourceText(read);
  const errors = yamlProblems(source).filter((p) => p.severity === "error");
  if (errors.length) throw new InputErrors(errors.map((p) => new InputError(p.file, `chart defaults: ${p.message}`, { line: p.line, column: p.column })));
  // Plain data, converted once: handing the parsed file over would convert the whole chart
  // values.yaml again for every values file merged over it (what the policy merge does with a
  // SourceFile). Unreadable data means no defaults, as the merge itself treats it.
  const asData = toData(source);
  const data = asData.ok && asData.data && typeof asData.data === "object" && !Array.isArray(asData.data) ? (asData.data as Record<string, unknown>) : {};
  cache?.set(source.path, source.text, data);
  return { data, label: source.path };
}

/**
 * The chart defaults every values file is merged over, as plain data, and how messages name
 * them: the chart's values.yaml, read once (its data from `cache` when the text is known there),
 * or — before the chart is generated — the values the generator would write into it. A values.yaml
 * with YAML errors is unusable input (InputErrors, exit 2).
 */
export function chartDefaultsData(project: Project, cache?: ChartDefaultsCache): ChartDefaultsData {
  return chartDefaults(project).data(cache);
}
