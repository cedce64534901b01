import type { Problem, RuleMeta } from "@llmchart/schema";
import { toolVersion } from "@llmchart/core";
import { describe, expect, it } from "vitest";
import { sarif } from "../src/formatters/problems/sarif.js";
import type { FormatContext } from "../src/formatters/types.js";

const rules: RuleMeta[] = [
  { id: "schema/type", description: "A value has the wrong type.", defaultSeverity: "error" },
  { id: "server-port", description: "--port equals service.port.", defaultSeverity: "error", help: "Set --port to service.port.", docs: "docs/rules/server-port.md" },
  { id: "model-sha256", description: "model.sha256 is set.", defaultSeverity: "info", help: "Copy the SHA256.", docs: "docs/rules/model-sha256.md" },
];
const context: FormatContext = { color: false, rules, toolName: "llmchart", toolVersion: "0.1.0", filesChecked: 2, docsBaseUrl: "https://docs.example/llmchart/rules/" };

const problems: Problem[] = [
  { ruleId: "server-port", severity: "error", message: "--port 9090 but service.port is 8080", file: "infra/apps/llm/values/phi2.yaml", line: 5, column: 5, endLine: 5, endColumn: 11, path: "extraArgs[1]", fix: { range: [40, 46], text: '"8080"' } },
  { ruleId: "model-sha256", severity: "info", message: "model.sha256 is not set", file: "values/my model.yaml", line: 1, column: 1, endLine: 1, endColumn: 6, path: "model.sha256" },
  { ruleId: "yaml/syntax", severity: "error", message: "bad", file: "/abs/outside.yaml", line: 2, column: 3, endLine: 2, endColumn: 4, path: "" },
];

/** SARIF 2.1.0 as llmchart writes it (the parts these tests read): what it always writes is required. */
interface SarifLog {
  version: string;
  runs: SarifRun[];
}
interface SarifRun {
  tool: { driver: { name: string; informationUri?: string; rules: SarifRule[] } };
  originalUriBaseIds: Record<string, { description: Message }>;
  results: SarifResult[];
  columnKind: string;
}
interface Message {
  text: string;
  id?: string;
}
interface SarifRule {
  id: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri?: string;
  defaultConfiguration: { level: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: Message;
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }>;
  fixes?: Array<{ artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }> }> }>;
}

/** What the validator may be handed: any property may be missing and any value of the wrong type, so it checks each one. */
type Unchecked<T> = T extends readonly (infer E)[] ? Unchecked<E>[] : T extends object ? { [K in keyof T]?: Unchecked<Exclude<T[K], undefined>> } : unknown;

const LEVELS = ["none", "note", "warning", "error"];
const oneOf = (value: unknown, values: readonly unknown[]) => values.includes(value);

/**
 * The required structure of SARIF 2.1.0 (sarif-schema-2.1.0.json): the properties each object
 * must have, the enumerations it restricts, and the cross-references consumers rely on.
 */
function validateSarif(log: Unchecked<SarifLog>): string[] {
  const errors: string[] = [];
  const need = (cond: unknown, what: string) => {
    if (!cond) errors.push(what);
  };
  const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
  need(log.version === "2.1.0", "log.version must be 2.1.0");
  need(Array.isArray(log.runs), "log.runs must be an array");
  for (const [ri, run] of (log.runs ?? []).entries()) {
    const driver = run.tool?.driver;
    need(run.tool && typeof run.tool === "object", `runs[${ri}].tool is required`);
    need(driver && typeof driver.name === "string" && driver.name.length > 0, `runs[${ri}].tool.driver.name is required`);
    const ruleIds: unknown[] = [];
    for (const [i, rule] of (driver?.rules ?? []).entries()) {
      need(typeof rule.id === "string", `rules[${i}].id is required`);
      ruleIds.push(rule.id);
      for (const key of ["shortDescription", "fullDescription", "help"] as const) {
        const text = rule[key];
        if (text !== undefined) need(typeof text.text === "string", `rules[${i}].${key}.text is required (multiformatMessageString)`);
      }
      if (rule.helpUri !== undefined) need(typeof rule.helpUri === "string" && /^[a-z][a-z0-9+.-]*:/i.test(rule.helpUri), `rules[${i}].helpUri must be an absolute URI`);
      if (rule.defaultConfiguration?.level !== undefined) need(oneOf(rule.defaultConfiguration.level, LEVELS), `rules[${i}] level`);
    }
    need(new Set(ruleIds).size === ruleIds.length, "rule ids are unique");
    for (const [i, result] of (run.results ?? []).entries()) {
      need(result.message && (typeof result.message.text === "string" || typeof result.message.id === "string"), `results[${i}].message.text is required`);
      if (result.level !== undefined) need(oneOf(result.level, LEVELS), `results[${i}].level`);
      if (result.ruleIndex !== undefined) need(typeof result.ruleIndex === "number" && driver?.rules?.[result.ruleIndex]?.id === result.ruleId, `results[${i}].ruleIndex points at its rule`);
      for (const [li, loc] of (result.locations ?? []).entries()) {
        const phys = loc.physicalLocation;
        need(phys?.artifactLocation && typeof phys.artifactLocation.uri === "string", `results[${i}].locations[${li}].artifactLocation.uri`);
        const region = phys?.region;
        need(isInt(region?.startLine, 1), `results[${i}].locations[${li}].region.startLine ≥ 1`);
        need(isInt(region?.startColumn, 1), `results[${i}].locations[${li}].region.startColumn ≥ 1`);
        if (region?.endLine !== undefined) need(typeof region.startLine === "number" && isInt(region.endLine, region.startLine), "endLine ≥ startLine");
        if (region?.endColumn !== undefined) need(isInt(region.endColumn, 1), "endColumn ≥ 1");
        const uriBaseId = phys?.artifactLocation?.uriBaseId;
        if (uriBaseId !== undefined) need(typeof uriBaseId === "string" && run.originalUriBaseIds?.[uriBaseId], "uriBaseId is declared");
      }
      for (const fix of result.fixes ?? []) {
        need(Array.isArray(fix.artifactChanges) && fix.artifactChanges.length > 0, "fix.artifactChanges");
        for (const change of fix.artifactChanges ?? []) {
          need(change.artifactLocation && Array.isArray(change.replacements), "artifactChange needs artifactLocation and replacements");
          for (const rep of change.replacements ?? []) need(rep.deletedRegion, "replacement.deletedRegion is required");
        }
      }
    }
    if (run.columnKind !== undefined) need(oneOf(run.columnKind, ["utf16CodeUnits", "unicodeCodePoints"]), "columnKind");
  }
  return errors;
}

describe("sarif formatter", () => {
  const log = JSON.parse(sarif(problems, context)) as SarifLog;

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
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe("llmchart");
    expect(driver.rules.map((r) => r.id)).toEqual(["schema/type", "server-port", "model-sha256", "yaml/syntax"]);
    expect(driver.rules[1]).toMatchObject({
      id: "server-port",
      shortDescription: { text: "--port equals service.port." },
      help: { text: "Set --port to service.port. See https://docs.example/llmchart/rules/server-port.md" },
      helpUri: "https://docs.example/llmchart/rules/server-port.md",
      defaultConfiguration: { level: "error" },
    });
    expect(driver.rules[2]!.defaultConfiguration.level).toBe("note");
  });

  it("puts real lines and columns, repository-relative URIs and the values path in each result", () => {
    const [first, second, third] = log.runs[0]!.results;
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
    expect(first!.fixes![0]!.artifactChanges[0]!.replacements[0]).toEqual({ deletedRegion: { charOffset: 40, charLength: 6 }, insertedContent: { text: '"8080"' } });
    expect(second!.level).toBe("note");
    expect(second!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("values/my%20model.yaml");
    expect(third!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: "file:///abs/outside.yaml" });
  });

  it("emits an empty results list for a clean run", () => {
    const clean = JSON.parse(sarif([], context)) as SarifLog;
    expect(clean.runs[0]!.results).toEqual([]);
    expect(validateSarif(clean)).toEqual([]);
  });
});

describe("llmchart lint --format sarif", () => {
  it("carries every policy rule with help and docs, and validates", async () => {
    const { runCli, tempTree } = await import("./helpers.js");
    const dir = tempTree({ "v.yaml": 'model:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ["--port", "9000"]\n' });
    const r = await runCli(["lint", "-f", "sarif", "v.yaml"], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as SarifLog;
    expect(validateSarif(out)).toEqual([]);
    const driverRules = out.runs[0]!.tool.driver.rules;
    const portRule = driverRules.find((x) => x.id === "server-port")!;
    // The installed release's pages: its own version, no organisation, no local path.
    expect(portRule.helpUri).toBe(`https://cdn.jsdelivr.net/npm/llmchart@${toolVersion()}/dist/docs/rules/server-port.md`);
    expect(out.runs[0]!.tool.driver.informationUri).toBe("https://www.npmjs.com/package/llmchart");
    expect(portRule.help.text).toContain("Set --port to service.port");
    expect(driverRules.some((x) => x.id === "unused-disable")).toBe(true);
    const result = out.runs[0]!.results.find((x) => x.ruleId === "server-port")!;
    expect(result.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 23 });
  });

  it("links the rule pages under the config's docs.baseUrl when it sets one", async () => {
    const { runCli, tempTree } = await import("./helpers.js");
    const dir = tempTree({
      "llmchart.config.yaml": "docs:\n  baseUrl: https://git.acme.internal/mirror/llmchart/-/raw/v1/docs/rules/\n",
      "v.yaml": 'model:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ["--port", "9000"]\n',
    });
    const r = await runCli(["lint", "-f", "sarif", "v.yaml"], dir);
    const rules = (JSON.parse(r.stdout) as SarifLog).runs[0]!.tool.driver.rules;
    expect(rules.find((x) => x.id === "server-port")!.helpUri).toBe("https://git.acme.internal/mirror/llmchart/-/raw/v1/docs/rules/server-port.md");
    // A built-in rule's page is a section of its family page.
    expect(rules.find((x) => x.id === "config/unknown-rule")!.helpUri).toBe("https://git.acme.internal/mirror/llmchart/-/raw/v1/docs/rules/config.md#unknown-rule");
  });
});
