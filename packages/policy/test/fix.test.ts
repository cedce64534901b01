import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { applyFixes } from "../src/fix.js";
import modelPath from "../src/rules/model-path.js";
import serverHost from "../src/rules/server-host-loopback.js";
import serverPort from "../src/rules/server-port.js";
import { lint } from "./helpers.js";

const rules = [modelPath, serverPort, serverHost];

/** Lints, applies every fix once, and returns the new text. */
function fix(text: string): string {
  return applyFixes(parseSource("values.yaml", text), lint(text, { rules }));
}

describe("applyFixes", () => {
  it("fixes -m, --port and --host in one pass, keeping comments, order and each scalar's quoting", () => {
    const text = `# Phi-2 on the shared node.
model:
  repoId: TheBloke/phi-2-GGUF   # from the seed
  filename: phi-2.Q4_K_M.gguf

extraArgs:
  - '-m'
  - '/models/old.gguf'     # single-quoted
  - "--port"
  - "9000"                 # double-quoted
  - --host
  - 127.0.0.1              # plain
`;
    expect(fix(text)).toBe(`# Phi-2 on the shared node.
model:
  repoId: TheBloke/phi-2-GGUF   # from the seed
  filename: phi-2.Q4_K_M.gguf

extraArgs:
  - '-m'
  - '/models/phi-2.Q4_K_M.gguf'     # single-quoted
  - "--port"
  - "8080"                 # double-quoted
  - --host
  - 0.0.0.0              # plain
`);
  });

  it("fixes inside a flow sequence, keeping plain scalars plain", () => {
    expect(fix(`extraArgs: [--host, localhost, --port, 9000]\n`)).toBe(`extraArgs: [--host, 0.0.0.0, --port, 8080]\n`);
  });

  it("fixes the --flag=value form as one token", () => {
    expect(fix(`extraArgs: ["--port=9000", '--host=127.0.0.1']\n`)).toBe(`extraArgs: ["--port=8080", '--host=0.0.0.0']\n`);
  });

  it("escapes a single quote inside a single-quoted scalar", () => {
    const text = `volume:\n  models:\n    mountPath: /mnt/o'brien\nmodel:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ['-m', '/models/x.gguf']\n`;
    expect(fix(text)).toBe(`volume:\n  models:\n    mountPath: /mnt/o'brien\nmodel:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs: ['-m', '/mnt/o''brien/phi-2.Q4_K_M.gguf']\n`);
  });

  it("quotes a plain scalar whose new value would not read back as plain YAML", () => {
    const text = `volume:\n  models:\n    mountPath: "/models #1"\nmodel:\n  filename: phi-2.Q4_K_M.gguf\nextraArgs:\n  - -m\n  - /models/x.gguf\n`;
    expect(fix(text)).toContain(`  - "/models #1/phi-2.Q4_K_M.gguf"\n`);
  });

  it("leaves a block scalar alone (no safe in-place edit)", () => {
    const text = `extraArgs:\n  - --host\n  - |-\n    127.0.0.1\n`;
    const problems = lint(text, { rules });
    expect(problems.map((p) => [p.ruleId, p.fix])).toEqual([["server-host-loopback", undefined]]);
    expect(fix(text)).toBe(text);
  });

  it("ignores fixes of other files and skips overlapping edits", () => {
    const source = parseSource("a.yaml", "x: 1\n");
    const p = { ruleId: "r", severity: "error" as const, message: "", line: 1, column: 4, endLine: 1, endColumn: 5, path: "x" };
    expect(applyFixes(source, [{ ...p, file: "b.yaml", fix: { range: [3, 4], text: "2" } }])).toBe("x: 1\n");
    expect(
      applyFixes(source, [
        { ...p, file: "a.yaml", fix: { range: [3, 4], text: "2" } },
        { ...p, file: "a.yaml", fix: { range: [0, 4], text: "y: 3" } },
      ]),
    ).toBe("y: 3\n");
  });
});
