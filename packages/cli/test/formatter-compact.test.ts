import type { Problem } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { compact } from "../src/formatters/problems/compact.js";
import { runCli, tempTree } from "./helpers.js";

const context = { color: false, rules: [], toolName: "llmchart", toolVersion: "0.1.0", filesChecked: 1, docsBaseUrl: "https://example.test/docs/rules/" };

describe("compact formatter", () => {
  it("escapes a line break in a message as \\n instead of turning it into a space", () => {
    const p: Problem = { ruleId: "schema/unknown-property", severity: "error", message: 'unknown property "a\nb" in the values', file: "v.yaml", line: 1, column: 1, endLine: 1, endColumn: 5, path: "" };
    expect(compact([p], context).split("\n")[0]).toBe('v.yaml:1:1 error schema/unknown-property unknown property "a\\nb" in the values');
  });

  it("shows a key holding a line break escaped, end to end", async () => {
    const dir = tempTree({ "v.yaml": '"mo\\ndel": 1\n' });
    const r = await runCli(["lint", "-f", "compact", "v.yaml"], dir);
    expect(r.stdout).toContain('unknown property "mo\\ndel"');
  });
});
