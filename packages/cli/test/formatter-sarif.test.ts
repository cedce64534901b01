import type { Problem, RuleMeta } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { sarif } from "../src/formatters/sarif.js";
import type { FormatContext } from "../src/formatters/types.js";

const rules: RuleMeta[] = [
  { id: "schema/type", description: "A value has the wrong type.", defaultSeverity: "error" },
  { id: "server-port", description: "--port equals service.port.", defaultSeverity: "error", help: "Set --port to service.port.", docs: "docs/rules/server-port.md" },
  { id: "model-sha256", description: "model.sha256 is set.", defaultSeverity: "info", help: "Copy the SHA256.", docs: "docs/rules/model-sha256.md" },
];
const context: FormatContext = { color: false, rules, toolName: "llmchart", toolVersion: "0.1.0", filesChecked: 2 };

const problems: Problem[] = [
  { ruleId: "server-port", severity: "error", message: "--port 9090 but service.port is 8080", file: "infra/apps/llm/values/phi2.yaml", line: 5, column: 5, endLine: 5, endColumn: 11, path: "extraArgs[1]", fix: { range: [40, 46], text: '"8080"' } },
  { ruleId: "model-sha256", severity: "info", message: "model.sha256 is not set", file: "values/my model.yaml", line: 1, column: 1, endLine: 1, endColumn: 6, path: "model.sha256" },
  { ruleId: "yaml/syntax", severity: "error", message: "bad", file: "/abs/outside.yaml", line: 2, column: 3, endLine: 2, endColumn: 4, path: "" },
];

// SARIF is untyped JSON here: the validator below is what checks its shape.
type Json = Record<string, any>;

/**
 * The required structure of SARIF 2.1.0 (sarif-schema-2.1.0.json): the properties each object
 * must have, the enumerations it restricts, and the cross-references consumers rely on.
 */
function validateSarif(log: Json): string[] {
  const errors: string[] = [];
  const need = (cond: unknown, what: string) => {
    if (!cond) errors.push(what);
  };
  const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
  need(log.version === "2.1.0", "log.version must be 2.1.0");
  need(Array.isArray(log.runs), "log.runs must be an array");
  for (const [ri, run] of ((log.runs as Json[]) ?? []).entries()) {
    const driver = run.tool?.driver;
    need(run.tool && typeof run.tool === "object", `runs[${ri}].tool is required`);
    need(driver && typeof driver.name === "string" && driver.name.length > 0, `runs[${ri}].tool.driver.name is required`);
    const ruleIds: string[] = [];
    for (const [i, rule] of ((driver?.rules as Json[]) ?? []).entries()) {
      need(typeof rule.id === "string", `rules[${i}].id is required`);
      ruleIds.push(rule.id);
      for (const key of ["shortDescription", "fullDescription", "help"]) {
        if (rule[key] !== undefined) need(typeof rule[key].text === "string", `rules[${i}].${key}.text is required (multiformatMessageString)`);
      }
      if (rule.helpUri !== undefined) need(/^[a-z][a-z0-9+.-]*:/i.test(rule.helpUri), `rules[${i}].helpUri must be an absolute URI`);
      if (rule.defaultConfiguration?.level !== undefined) need(["none", "note", "warning", "error"].includes(rule.defaultConfiguration.level), `rules[${i}] level`);
    }
    need(new Set(ruleIds).size === ruleIds.length, "rule ids are unique");
    for (const [i, result] of ((run.results as Json[]) ?? []).entries()) {
      need(result.message && (typeof result.message.text === "string" || typeof result.message.id === "string"), `results[${i}].message.text is required`);
      if (result.level !== undefined) need(["none", "note", "warning", "error"].includes(result.level), `results[${i}].level`);
      if (result.ruleIndex !== undefined) need(driver.rules[result.ruleIndex]?.id === result.ruleId, `results[${i}].ruleIndex points at its rule`);
      for (const [li, loc] of ((result.locations as Json[]) ?? []).entries()) {
        const phys = loc.physicalLocation;
        need(phys?.artifactLocation && typeof phys.artifactLocation.uri === "string", `results[${i}].locations[${li}].artifactLocation.uri`);
        const region = phys?.region;
        need(isInt(region?.startLine, 1), `results[${i}].locations[${li}].region.startLine ≥ 1`);
        need(isInt(region?.startColumn, 1), `results[${i}].locations[${li}].region.startColumn ≥ 1`);
        if (region?.endLine !== undefined) need(isInt(region.endLine, region.startLine), "endLine ≥ startLine");
        if (region?.endColumn !== undefined) need(isInt(region.endColumn, 1), "endColumn ≥ 1");
        if (phys?.artifactLocation?.uriBaseId !== undefined) need(run.originalUriBaseIds?.[phys.artifactLocation.uriBaseId], "uriBaseId is declared");
      }
      for (const fix of (result.fixes as Json[]) ?? []) {
        need(Array.isArray(fix.artifactChanges) && fix.artifactChanges.length > 0, "fix.artifactChanges");
        for (const change of fix.artifactChanges ?? []) {
          need(change.artifactLocation && Array.isArray(change.replacements), "artifactChange needs artifactLocation and replacements");
          for (const rep of change.replacements ?? []) need(rep.deletedRegion, "replacement.deletedRegion is required");
        }
      }
    }
    if (run.columnKind !== undefined) need(["utf16CodeUnits", "unicodeCodePoints"].includes(run.columnKind), "columnKind");
  }
  return errors;
}

describe("sarif formatter", () => {
  const log = JSON.parse(sarif(problems, context)) as Json;

  it("emits SARIF 2.1.0 with the required structure", () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it("has a validator that can fail", () => {
    expect(validateSarif({ version: "2.0.0", runs: [{ tool: { driver: {} }, results: [{ locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] })).toEqual([
      "log.version must be 2.1.0",
      "runs[0].tool.driver.name is required",
      "results[0].message.text is required",
      "results[0].locations[0].artifactLocation.uri",
      "results[0].locations[0].region.startLine ≥ 1",
      "results[0].locations[0].region.startColumn ≥ 1",
    ]);
  });

  it("describes every rule in tool.driver.rules with its description, help and docs link", () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe("llmchart");
    expect(driver.rules.map((r: Json) => r.id)).toEqual(["schema/type", "server-port", "model-sha256", "yaml/syntax"]);
    expect(driver.rules[1]).toMatchObject({
      id: "server-port",
      shortDescription: { text: "--port equals service.port." },
      help: { text: "Set --port to service.port. See docs/rules/server-port.md." },
      helpUri: "https://github.com/llmchart/llmchart/blob/main/docs/rules/server-port.md",
      defaultConfiguration: { level: "error" },
    });
    expect(driver.rules[2].defaultConfiguration.level).toBe("note");
  });

  it("puts real lines and columns, repository-relative URIs and the values path in each result", () => {
    const [first, second, third] = log.runs[0].results;
    expect(first).toMatchObject({
      ruleId: "server-port",
      ruleIndex: 1,
      level: "error",
      message: { text: "--port 9090 but service.port is 8080" },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "infra/apps/llm/values/phi2.yaml", uriBaseId: "%SRCROOT%" }, region: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 11 } },
          logicalLocations: [{ fullyQualifiedName: "extraArgs[1]" }],
        },
      ],
    });
    expect(first.fixes[0].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { charOffset: 40, charLength: 6 }, insertedContent: { text: '"8080"' } });
    expect(second.level).toBe("note");
    expect(second.locations[0].physicalLocation.artifactLocation.uri).toBe("values/my%20model.yaml");
    expect(third.locations[0].physicalLocation.artifactLocation).toEqual({ uri: "file:///abs/outside.yaml" });
  });

  it("emits an empty results list for a clean run", () => {
    const clean = JSON.parse(sarif([], context)) as Json;
    expect(clean.runs[0].results).toEqual([]);
    expect(validateSarif(clean)).toEqual([]);
  });
});

describe("llmchart lint --format sarif", () => {
  it("carries every policy rule with help and docs, and validates", async () => {
    const { runCli, tempTree } = await import("./helpers.js");
    const dir = tempTree({ "v.yaml": 'model:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ["--port", "9000"]\n' });
    const r = await runCli(["lint", "-f", "sarif", "v.yaml"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Json;
    expect(validateSarif(out)).toEqual([]);
    const driverRules = out.runs[0].tool.driver.rules as Json[];
    const portRule = driverRules.find((x) => x.id === "server-port")!;
    expect(portRule.helpUri).toMatch(/\/docs\/rules\/server-port\.md$/);
    expect(portRule.help.text).toContain("Set --port to service.port");
    expect(driverRules.some((x) => x.id === "unused-disable")).toBe(true);
    const result = (out.runs[0].results as Json[]).find((x) => x.ruleId === "server-port")!;
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 23 });
  });
});
