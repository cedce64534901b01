import { describe, expect, it } from "vitest";
import { checkValues } from "../src/values.js";
import { parseSource } from "../src/source-file.js";

function check(text: string) {
  return checkValues(parseSource("v.yaml", text));
}

describe("YAML problems have positions and never throw", () => {
  it("reports a duplicate key at the second key", () => {
    const { problems, data } = check("replicaCount: 1\nmodel:\n  filename: a.gguf\nreplicaCount: 2\n");
    expect(data).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: "yaml/duplicate-key", line: 4, column: 1, path: "", severity: "error" });
  });

  it("reports a broken indent with its line", () => {
    const { problems } = check("model:\n  repoId: a/b\n filename: x.gguf\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ ruleId: "yaml/syntax", line: 3 });
  });

  it("reports a tab used for indentation", () => {
    const { problems } = check("model:\n\trepoId: a/b\n");
    expect(problems.some((p) => p.ruleId === "yaml/tab-indent" && p.line === 2 && p.column === 1)).toBe(true);
  });

  it("reports several documents in one file", () => {
    const { problems } = check("replicaCount: 1\n---\nreplicaCount: 2\n");
    expect(problems.map((p) => p.ruleId)).toContain("yaml/multiple-documents");
    expect(problems.find((p) => p.ruleId === "yaml/multiple-documents")).toMatchObject({ line: 2, column: 1 });
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const { problems } = check(lines.join("\n") + "\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/alias/);
  });

  it("keeps columns right after CRLF line endings", () => {
    const { problems } = check('replicaCount: 1\r\nimage:\r\n  tag: 5\r\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: "schema/type", line: 3, column: 8 });
  });
});
