// While a person types, one half-typed key never wipes the other diagnostics of the buffer: a key
// that parses is one schema problem beside the rest, and a line that breaks the YAML keeps the last
// good diagnostics of the lines left alone, marked stale, until the buffer parses again.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "vscode-languageserver-protocol/node";
import { CLEAN, edited, startClient } from "./client.js";

const VALUES = "infra/apps/llm/values/m.yaml";
const STALE = " (stale: the file does not parse)";

/** `line:character code` of each diagnostic (0-based, as LSP counts), `stale` marked. */
function brief(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}${(d.data as { stale?: boolean } | undefined)?.stale ? " stale" : ""}`);
}

/** CLEAN with a wrong -m path (line 16) and -t 12 on a 6-CPU limit (line 20). */
const TWO_FINDINGS = edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"', edited('  - "/models/phi-2.Q4_K_M.gguf"', '  - "/models/other.gguf"'));

describe("diagnostics while typing", () => {
  it("keeps the llama.cpp diagnostics beside a typo key that parses (requestz:)", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    await client.open(uri, TWO_FINDINGS, 1);
    expect(brief((await client.diagnostics(uri, 1)).diagnostics)).toEqual(["16:4 model-path", "20:4 threads-exceed-cpu-limit"]);

    const typo = edited('  requests:\n    cpu: "6"', '  requestz:\n    cpu: "6"', TWO_FINDINGS);
    await client.replace(uri, typo, 2);
    const { diagnostics } = await client.diagnostics(uri, 2);
    expect(brief(diagnostics)).toEqual(["3:2 schema/unknown-property", "16:4 model-path", "20:4 threads-exceed-cpu-limit"]);
    expect(diagnostics.map((d) => (typeof d.message === "string" ? d.message : d.message.value)).filter((m) => m.endsWith(STALE))).toEqual([]);
  });

  it("keeps the last good diagnostics of unchanged lines, marked stale, while a half-typed line breaks the YAML", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    await client.open(uri, TWO_FINDINGS, 1);
    const good = (await client.diagnostics(uri, 1)).diagnostics;
    expect(brief(good)).toEqual(["16:4 model-path", "20:4 threads-exceed-cpu-limit"]);

    // The -m path's closing quote not typed yet: that line changed, so its finding goes; -t's stays.
    await client.replace(uri, edited('  - "/models/other.gguf"', '  - "/models/other.gguf', TWO_FINDINGS), 2);
    const broken = (await client.diagnostics(uri, 2)).diagnostics;
    expect(brief(broken)).toEqual(["16:23 yaml/syntax", "20:4 threads-exceed-cpu-limit stale"]);
    const threads = broken.find((d) => d.code === "threads-exceed-cpu-limit")!;
    expect(threads.message).toBe(good[1]!.message + STALE);
    expect(threads.range).toEqual(good[1]!.range);

    // A half-typed key above both (the quote typed meanwhile): both findings move down one line.
    await client.replace(uri, edited("  enabled: true\n", "  enabled: true\n  fil\n", TWO_FINDINGS), 3);
    expect(brief((await client.diagnostics(uri, 3)).diagnostics)).toEqual(["11:2 yaml/syntax", "17:4 model-path stale", "21:4 threads-exceed-cpu-limit stale"]);

    // Parsing again: the findings are current, not stale.
    await client.replace(uri, TWO_FINDINGS, 4);
    const again = (await client.diagnostics(uri, 4)).diagnostics;
    expect(again).toEqual(good);
  });
});
