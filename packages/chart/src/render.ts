import { DEFAULT_RENDER_COMMAND, generatedHeader, type ChartFeatures, type GenerateOptions, type GeneratedFile, type ResolvedConfig } from "@llmchart/schema";
import { createRequire } from "node:module";
import { posix } from "node:path";
import { Document } from "yaml";
import { templates, type TemplateEntry } from "./generated/templates.js";
import { withHeader } from "./header.js";
import { valuesTable } from "./readme.js";
import { valuesSchemaFile, valuesYamlFile } from "./values.js";

export type { GenerateOptions, GeneratedFile };

/** Template files that exist only when their feature is on in llmchart.config.yaml. */
export const FEATURE_FILES: Readonly<Record<string, keyof ChartFeatures>> = {
  "templates/ingress.yaml": "ingress",
  "templates/pvc.yaml": "persistence",
  "templates/servicemonitor.yaml": "metrics",
  "templates/pdb.yaml": "podDisruptionBudget",
  "templates/hpa.yaml": "autoscaling",
  "templates/networkpolicy.yaml": "networkPolicy",
  "templates/tests/test-health.yaml": "helmTest",
};

type HandlebarsRuntime = typeof import("handlebars");

let runtime: HandlebarsRuntime | undefined;
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * The Handlebars runtime (no compiler: templates were precompiled at build time) with the
 * one helper the templates use: `raw` returns its block untouched, which is how Go template
 * regions pass through.
 */
function handlebars(): HandlebarsRuntime {
  if (!runtime) {
    const require = createRequire(import.meta.url);
    const hb = (require("handlebars/runtime") as HandlebarsRuntime).create();
    hb.registerHelper("raw", function (this: unknown, options: Handlebars.HelperOptions) {
      return options.fn(this);
    });
    runtime = hb;
  }
  return runtime;
}

function renderTemplate(path: string, entry: Extract<TemplateEntry, { kind: "template" }>, data: object): string {
  let template = compiled.get(path);
  if (!template) {
    template = handlebars().template(entry.spec);
    compiled.set(path, template);
  }
  return template(data);
}

/**
 * The chart folder, repo-relative (`infra/apps/llm/charts/llama-cpp` by default). Throws a
 * RangeError when the layout would put it outside the repository.
 */
export function chartDir(config: ResolvedConfig): string {
  const dir = posix.normalize(posix.join(config.layout.root, config.layout.chartDir)).replace(/\/+$/, "");
  if (dir === "." || dir === "" || posix.isAbsolute(dir) || dir === ".." || dir.startsWith("../")) {
    throw new RangeError(`layout.root + layout.chartDir must name a folder inside the repository, got "${dir}"`);
  }
  return dir;
}

function chartYamlFile(config: ResolvedConfig, command: string): string {
  const { chart } = config;
  const doc = new Document(
    {
      apiVersion: "v2",
      name: chart.name,
      description: chart.description,
      type: "application",
      version: chart.version,
      appVersion: chart.appVersion,
      kubeVersion: chart.kubeVersion,
      keywords: ["llama.cpp", "llama-server", "llm", "gguf", "cpu"],
    },
    { version: "1.1" },
  );
  doc.commentBefore = ` ${generatedHeader("llmchart.config.yaml (chart)", command)}`;
  return doc.toString({ lineWidth: 0 });
}

/**
 * Renders the whole chart: Chart.yaml, values.yaml, values.schema.json, README.md and the
 * templates, each with the generated header naming `options.renderCommand`. Pure and
 * deterministic: the same config and options give the same files, byte for byte, sorted by path
 * (with `\n` line breaks: the writer gives them the repository's).
 */
export function renderChart(config: ResolvedConfig, options: GenerateOptions = {}): GeneratedFile[] {
  const dir = chartDir(config);
  const command = options.renderCommand ?? DEFAULT_RENDER_COMMAND;
  const data = {
    renderCommand: command,
    chart: config.chart,
    images: config.images,
    features: config.features,
    valuesTable: valuesTable(config),
    chartDir: dir,
    valuesDir: posix.join(config.layout.root, config.layout.valuesDir),
    // The Go templates fall back to these when a values file sets an image's repository or tag to "".
    pinnedImagesJson: JSON.stringify({
      server: { repository: config.images.server.repository, tag: config.images.server.tag },
      downloader: { repository: config.images.downloader.repository, tag: config.images.downloader.tag },
    }),
  };
  const files: GeneratedFile[] = [];
  for (const [path, entry] of Object.entries(templates)) {
    const feature = FEATURE_FILES[path];
    if (feature && !config.features[feature]) continue;
    const body = entry.kind === "template" ? renderTemplate(path, entry, data) : entry.text;
    files.push({ path: `${dir}/${path}`, content: withHeader(path, body, entry.source, command) });
  }
  files.push({ path: `${dir}/Chart.yaml`, content: chartYamlFile(config, command) });
  files.push({ path: `${dir}/values.yaml`, content: valuesYamlFile(config, command) });
  files.push({ path: `${dir}/values.schema.json`, content: valuesSchemaFile(config, command) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
