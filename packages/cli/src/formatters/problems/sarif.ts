import { ruleDocUrl } from "@llmchart/schema/docs-url";
import type { RuleMeta } from "@llmchart/schema";
import { pathToFileURL } from "node:url";
import type { Formatter } from "../types.js";

/** The tool's public page (SARIF `informationUri`): the package on the npm registry, whoever hosts its source. */
export const INFORMATION_URI = "https://www.npmjs.com/package/llmchart";

function level(severity: string): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

/** A repository-relative file under %SRCROOT%, or a file:// URI for a file outside the working directory. */
function artifactLocation(file: string) {
  return file.startsWith("/") ? { uri: pathToFileURL(file).href } : { uri: encodeURI(file), uriBaseId: "%SRCROOT%" };
}

/** SARIF wants absolute URIs for helpUri: a rule's page under the docs base of the run (FormatContext.docsBaseUrl). */
function descriptor(r: RuleMeta, docsBaseUrl: string) {
  const uri = r.docs ? ruleDocUrl(r.docs, docsBaseUrl) : undefined;
  const help = r.help ?? r.description;
  return {
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: {
      text: uri ? `${help} See ${uri}` : help,
      markdown: uri ? `${help}\n\n[${r.id}](${uri})` : help,
    },
    ...(uri ? { helpUri: uri } : {}),
    defaultConfiguration: { level: level(r.defaultSeverity) },
  };
}

/**
 * SARIF 2.1.0 for code-scanning uploads: one run, `tool.driver.rules` lists every rule that
 * could report (id, description, help, docs link), results reference them by id and index,
 * locations are repository-relative URIs under `%SRCROOT%` with 1-based lines and columns
 * (UTF-16 code units, as `columnKind` says).
 */
export const sarif: Formatter = (problems, context) => {
  const rules = [...context.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const p of problems) {
    if (!index.has(p.ruleId)) {
      index.set(p.ruleId, rules.length);
      rules.push({ id: p.ruleId, description: p.ruleId, defaultSeverity: p.severity });
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: context.toolName,
            version: context.toolVersion,
            semanticVersion: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => descriptor(r, context.docsBaseUrl)),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The directory llmchart ran in (the repository root)." } } },
        results: problems.map((p) => ({
          ruleId: p.ruleId,
          ruleIndex: index.get(p.ruleId),
          level: level(p.severity),
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.file),
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
              ...(p.path ? { logicalLocations: [{ fullyQualifiedName: p.path, kind: "member" }] } : {}),
            },
          ],
          ...(p.fix
            ? {
                fixes: [
                  {
                    description: { text: "Apply with llmchart lint --fix" },
                    artifactChanges: [
                      {
                        artifactLocation: artifactLocation(p.file),
                        replacements: [{ deletedRegion: { charOffset: p.fix.range[0], charLength: p.fix.range[1] - p.fix.range[0] }, insertedContent: { text: p.fix.text } }],
                      },
                    ],
                  },
                ],
              }
            : {}),
        })),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
