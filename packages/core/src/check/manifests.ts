import { parseSource, type Problem, type SourceFile } from "@llmchart/schema";
import { documentMemo, type RenderCache } from "./cache.js";

let loading: Promise<typeof import("@llmchart/manifests")> | undefined;

/** @llmchart/manifests, loaded once, on the first validation. */
export function loadManifests(): Promise<typeof import("@llmchart/manifests")> {
  loading ??= import("@llmchart/manifests");
  return loading;
}

/**
 * @llmchart/manifests with the validators of the kinds `text` (a YAML stream) names loaded: what
 * validateManifests needs for that text, and nothing more.
 */
export async function manifestsFor(text: string): Promise<typeof import("@llmchart/manifests")> {
  const manifests = await loadManifests();
  await manifests.preloadKinds(text);
  return manifests;
}

/** Where validateRendered puts what it cannot trace to a values key (a name no file can have). */
const RENDERED = "\u0000rendered";

export interface RenderValidationOptions {
  cache: RenderCache;
  /** toolIdentity(): a memo of another build is never reused. */
  tool: string;
  /** The chart's values.yaml, parsed: rendered fields may trace back to a default set there. */
  chartValues: () => SourceFile | undefined;
}

/**
 * The manifest stage of one model: what `helm template` rendered for `source` against the
 * Kubernetes schemas, strict like kubeconform -strict. A field traced back to the values key that
 * produced it is reported at that key; the rest of the rendered output has no file of its own, so
 * it is reported at the values file that produced it, line 1.
 */
export async function validateRender(source: { path: string; text: string }, rendered: string, options: RenderValidationOptions): Promise<Problem[]> {
  // Parsed only if a field needs tracing, and then once.
  let parsed: SourceFile[] | undefined;
  const values = () => {
    if (!parsed) {
      const chart = options.chartValues();
      parsed = [parseSource(source.path, source.text), ...(chart ? [chart] : [])];
    }
    return parsed;
  };
  const manifests = await loadManifests();
  const memo = documentMemo(options.cache, options.tool, source.path);
  const problems = await manifests.validateRendered(rendered, RENDERED, { strict: true, values, memo });
  memo.save();
  return problems.map((p) =>
    p.file === RENDERED ? { ...p, file: source.path, line: 1, column: 1, endLine: 1, endColumn: 1, message: `rendered manifest: ${p.message}` } : p,
  );
}
