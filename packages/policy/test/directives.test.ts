import { describe, expect, it } from "vitest";
import { lint, where } from "./helpers.js";
import cpuLimitMissing from "../src/rules/cpu-limit-missing.js";
import serverPort from "../src/rules/server-port.js";
import unusedDisable from "../src/rules/unused-disable.js";

const rules = [serverPort, cpuLimitMissing, unusedDisable];

const BAD_PORT = `resources:
  limits:
    cpu: "2"
extraArgs:
  - --port
  - "9090"
`;

describe("llmchart-disable comments", () => {
  it("reports the problem without a comment", () => {
    expect(where(lint(BAD_PORT, { rules }))).toEqual(["6:5 server-port"]);
  });

  it("suppresses the named rule on the next line only", () => {
    const text = BAD_PORT.replace('  - "9090"', '  # llmchart-disable-next-line server-port -- testing a sidecar\n  - "9090"');
    expect(lint(text, { rules })).toEqual([]);
  });

  it("does not suppress a problem two lines down", () => {
    const text = BAD_PORT.replace("  - --port", "  # llmchart-disable-next-line server-port\n  - --port");
    expect(where(lint(text, { rules }))).toEqual(["5:32 unused-disable", "7:5 server-port"]);
  });

  it("suppresses a rule in the whole file with llmchart-disable", () => {
    expect(lint(`${BAD_PORT}# llmchart-disable server-port\n`, { rules })).toEqual([]);
  });

  it("suppresses every rule with a bare llmchart-disable", () => {
    expect(lint(`# llmchart-disable\nextraArgs: [--port, "9090"]\n`, { rules })).toEqual([]);
  });

  it("accepts several ids separated by commas or spaces", () => {
    const text = `# llmchart-disable-next-line server-port, cpu-limit-missing\nextraArgs: [--port, "9090"]\n`;
    expect(lint(text, { rules })).toEqual([]);
  });

  it("does not take a # inside a quoted string for a comment", () => {
    const text = `podAnnotations:\n  note: "see # llmchart-disable server-port"\nextraArgs: [--port, "9090"]\n`;
    expect(where(lint(text, { rules }))).toContain("3:21 server-port");
  });

  it("warns about a comment that suppresses nothing, at the rule id", () => {
    const problems = lint(`resources:\n  limits:\n    cpu: "2"\n# llmchart-disable-next-line server-port\nextraArgs: []\n`, { rules });
    expect(problems).toEqual([
      expect.objectContaining({
        ruleId: "unused-disable",
        severity: "warning",
        line: 4,
        column: 30,
        endColumn: 41,
        message: "llmchart-disable-next-line server-port suppresses nothing on the next line: remove it",
      }),
    ]);
  });

  it("reports no unused-disable when that rule is off", () => {
    const text = `resources:\n  limits:\n    cpu: "2"\n# llmchart-disable-next-line server-port\nextraArgs: []\n`;
    expect(lint(text, { rules: [serverPort, cpuLimitMissing] })).toEqual([]);
  });

  it("lets a file silence its own unused-disable warnings", () => {
    const text = `# llmchart-disable unused-disable\nresources:\n  limits:\n    cpu: "2"\n# llmchart-disable-next-line server-port\n`;
    expect(lint(text, { rules })).toEqual([]);
  });
});
