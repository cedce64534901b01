import { defaultConfig, valuesSchema, type ResolvedConfig } from "@llmchart/schema";
import { mergeValues } from "./merge.js";

function schemaDefaults(schema: unknown): unknown {
  if (!schema || typeof schema !== "object") return undefined;
  const s = schema as Record<string, unknown>;
  if ("default" in s) return s.default;
  const props = s.properties as Record<string, unknown> | undefined;
  if (!props) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(props)) {
    const d = schemaDefaults(sub);
    if (d !== undefined) out[key] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The defaults the generated chart's values.yaml holds, for when that file does not exist
 * (yet): every `default` of the values schema (service.port 8080, volume.models.mountPath
 * /models, progressDeadlineSeconds 1800, model.enabled true, …), the config's chart-wide
 * `defaults:` over them, plus the images the config
 * pins (`images.server`, `images.downloader`), which the chart generator writes into it. A test
 * in @llmchart/core pins it equal to the chart generator's own values (`chartValues`); the CLI
 * always passes the generator's values, so this is for library callers without a chart.
 */
export function fallbackChartDefaults(config: ResolvedConfig = defaultConfig): Record<string, unknown> {
  const schemaOnly = (schemaDefaults(valuesSchema) ?? {}) as Record<string, unknown>;
  // The config's chart-wide `defaults:` go into values.yaml over the schema defaults, as Helm merges.
  const fromSchema = mergeValues(schemaOnly, config.defaults ?? {}).data;
  const server = config.images.server;
  const image = { ...((fromSchema.image as Record<string, unknown>) ?? {}), repository: server.repository, tag: server.tag, ...(server.digest ? { digest: server.digest } : {}) };
  const downloader = config.images.downloader;
  const init = (fromSchema.initDownloader as Record<string, unknown> | undefined) ?? {};
  const initDownloader = {
    ...init,
    image: { ...((init.image as Record<string, unknown>) ?? {}), repository: downloader.repository, tag: downloader.tag, ...(downloader.digest ? { digest: downloader.digest } : {}) },
  };
  return { ...fromSchema, image, initDownloader };
}
