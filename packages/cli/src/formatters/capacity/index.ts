import type { CapacityFormat, CapacityFormatContext, CapacityReport } from "@llmchart/capacity";
import type { FormatterSet } from "../types.js";

/**
 * `llmchart capacity --format`: the text of a capacity report. The renderings are
 * `@llmchart/capacity`'s pure functions (svg and html draw its vega charts, so they resolve
 * asynchronously); the package loads only when a report is printed.
 */
export const capacityFormatters: FormatterSet<CapacityFormat, CapacityReport, CapacityFormatContext, string | Promise<string>> = {
  names: ["table", "json", "markdown", "svg", "html"],
  async load(name) {
    const cap = await import("@llmchart/capacity");
    switch (name) {
      case "table":
        return (report, context) => cap.formatTable(report, context);
      case "json":
        return (report) => cap.formatJson(report);
      case "markdown":
        return (report, context) => cap.formatMarkdown(report, context);
      case "svg":
        return (report) => cap.formatSvg(report);
      case "html":
        return (report, context) => cap.formatHtml(report, context);
    }
  },
};
