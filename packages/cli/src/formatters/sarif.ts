import type { RuleMeta } from "@llmchart/schema";
import { pathToFileURL } from "node:url";
import type { Formatter } from "./types.js";

/** Where rule documentation lives when a rule names a repository-relative page (`docs/rules/<id>.md`). */
export const DOCS_BASE_URI = "https://github.com/llmchart/llmchart/blob/main/";

function level(severity: string): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

/** SARIF wants absolute URIs for helpUri; repository-relative doc paths are resolved against DOCS_BASE_URI. */
function helpUri(docs: string | undefined): string | undefined {
  if (!docs) return undefined;
  return /^[a-z][a-z0-9+.-]*:/i.test(docs) ? docs : new URL(docs, DOCS_BASE_URI).href;
}

/** A repository-relative file under %SRCROOT%, or a file:// URI for a file outside the working directory. */
function artifactLocation(file: string) {
  return file.startsWith("/") ? { uri: pathToFileURL(file).href } : { uri: encodeURI(file), uriBaseId: "%SRCROOT%" };
}

function descriptor(r: RuleMeta) {
  const uri = helpUri(r.docs);
  const help = r.help ?? r.description;
  return {
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: {
      text: r.docs ? `${help} See ${r.docs}.` : help,
      markdown: r.docs ? `${help}\n\n[${r.id}](${uri})` : help,
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
            informationUri: "https://github.com/llmchart/llmchart",
            rules: rules.map(descriptor),
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
