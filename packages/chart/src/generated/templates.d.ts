// Types of templates.js, which scripts/precompile-templates.mjs writes at build time.

/** A file of packages/chart/templates: a precompiled Handlebars template or verbatim text. */
export type TemplateEntry =
  | { kind: "template"; source: string; spec: object }
  | { kind: "copy"; source: string; text: string };

/** By output path inside the chart (`templates/deployment.yaml`, `files/download.sh`). */
export declare const templates: Readonly<Record<string, TemplateEntry>>;
