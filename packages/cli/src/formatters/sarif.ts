import type { Formatter } from "./types.js";

/**
 * SARIF 2.1.0 for code-scanning uploads: one run, `tool.driver.rules` lists every rule that
 * could report (id, description, help), results reference them by id and index, regions carry
 * 1-based lines and columns.
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
  const level = (s: string) => (s === "error" ? "error" : s === "warning" ? "warning" : "note");
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: context.toolName,
            version: context.toolVersion,
            informationUri: "https://github.com/llmchart/llmchart",
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: r.help ?? r.description },
              ...(r.docs ? { helpUri: r.docs } : {}),
              defaultConfiguration: { level: level(r.defaultSeverity) },
            })),
          },
        },
        results: problems.map((p) => ({
          ruleId: p.ruleId,
          ruleIndex: index.get(p.ruleId),
          level: level(p.severity),
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(p.file) },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
              ...(p.path ? { logicalLocations: [{ fullyQualifiedName: p.path, kind: "member" }] } : {}),
            },
          ],
        })),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
