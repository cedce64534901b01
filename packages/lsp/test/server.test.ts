import { toolVersion } from "@llmchart/core";
import { defaultConfig, RUN_FACTS } from "@llmchart/schema";
import { pinnedServerBuild } from "@llmchart/policy";
import type { Problem } from "@llmchart/schema";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, test } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CLEAN, cliBin, edited, packageDir, startClient } from "./client.js";

const VALUES = "infra/apps/llm/values/m.yaml";

/** What `llmchart lint --format json` reports for `text` written at `path` of the project. */
function cliProblems(root: string, path: string, text: string, write: (p: string, t: string) => void): Problem[] {
  write(path, text);
  const r = spawnSync(process.execPath, [cliBin, "lint", "--format", "json", path], { cwd: root, encoding: "utf8" });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  // A fact of the whole lint run (the config's pin newer than the flag data) is the CLI's alone: the
  // editor lints a buffer at a time and says the build in its hover on image instead.
  return (JSON.parse(r.stdout) as Problem[]).filter((p) => !RUN_FACTS.has(`${p.ruleId}/${p.messageId ?? ""}`));
}

test("says the config's newer-than-data pin in the CLI's run, never on an editor buffer", async () => {
  const { project, client } = await startClient();
  const uri = project.uri(VALUES);
  await client.open(uri, CLEAN, 1);
  expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual([]);
  project.write(VALUES, CLEAN);
  const r = spawnSync(process.execPath, [cliBin, "lint", "--format", "json", VALUES], { cwd: project.root, encoding: "utf8" });
  expect((JSON.parse(r.stdout) as Problem[]).map((p) => `${p.ruleId}/${p.messageId ?? ""}`)).toEqual(["image-tag-floating/configNewerThanData"]);
});

/** A diagnostic reduced to what the CLI also prints. */
function asCli(d: Diagnostic) {
  return { ruleId: d.code, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, message: d.message };
}
function cliShape(p: Problem) {
  return { ruleId: p.ruleId, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, message: p.message };
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x.yaml", "yaml", 1, text), edits);
}

describe("llmchart language server over stdio", () => {
  it("initializes with the features it serves", async () => {
    const { result } = await startClient();
    expect(result.serverInfo?.name).toBe("llmchart");
    expect(result.capabilities.hoverProvider).toBe(true);
    expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix"] });
    expect(result.capabilities.completionProvider?.triggerCharacters).toContain("-");
  });

  it("reports a typo key and too many threads at once, then the threads once the typo is fixed, with the CLI's codes and ranges", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const broken = edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"', edited("replicaCount: 1\n", "replicaCount: 1\nmodle: {}\n"));
    await client.open(uri, broken, 1);
    const first = await client.diagnostics(uri, 1);
    expect(first.diagnostics.map((d) => [d.code, d.severity, d.source, d.range])).toEqual([
      ["schema/unknown-property", 1, "llmchart", { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }],
      ["threads-exceed-cpu-limit", 1, "llmchart", { start: { line: 21, character: 4 }, end: { line: 21, character: 8 } }],
    ]);
    expect(first.diagnostics[0]!.message).toBe('unknown property "modle" in the values — did you mean "model"?');
    // As in the CLI, an unknown key hides only the rules that read it.
    expect(first.diagnostics.map(asCli)).toEqual(cliProblems(project.root, VALUES, broken, project.write).map(cliShape));

    // didChange deleting the typo line (an incremental edit, as editors send them).
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: "" }],
    });
    const second = await client.diagnostics(uri, 2);
    expect(second.diagnostics.map((d) => d.code)).toEqual(["threads-exceed-cpu-limit"]);
    expect(second.diagnostics[0]!.range).toEqual({ start: { line: 20, character: 4 }, end: { line: 20, character: 8 } });
    // The installed release's rule page: never a path on this machine.
    expect(second.diagnostics[0]!.codeDescription?.href).toBe(`https://cdn.jsdelivr.net/npm/llmchart@${toolVersion()}/dist/docs/rules/threads-exceed-cpu-limit.md`);
    const fixed = edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"');
    expect(second.diagnostics.map(asCli)).toEqual(cliProblems(project.root, VALUES, fixed, project.write).map(cliShape));
  });

  it("offers the --fix edit for a wrong -m path as a quick fix; applied, the file lints clean", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const text = edited('"/models/phi-2.Q4_K_M.gguf"', '"/models/phi-2.gguf"');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    expect(diagnostics.map((d) => d.code)).toEqual(["model-path"]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual([
      'Fix model-path: write "/models/phi-2.Q4_K_M.gguf"',
      "Disable model-path for this line",
      "Disable model-path for this file",
    ]);
    const fix = actions[0]!;
    expect(fix.kind).toBe("quickfix");
    expect(fix.isPreferred).toBe(true);
    const after = apply(text, fix.edit!.changes![uri]!);
    expect(after).toBe(CLEAN);
    await client.replace(uri, after, 2);
    expect((await client.diagnostics(uri, 2)).diagnostics).toEqual([]);
    expect(cliProblems(project.root, VALUES, after, project.write)).toEqual([]);
  });

  it("disables a rule for the line and for the file with the comments the linter honours", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const text = edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } })) as CodeAction[];
    const line = actions.find((a) => a.title === "Disable threads-exceed-cpu-limit for this line")!;
    const file = actions.find((a) => a.title === "Disable threads-exceed-cpu-limit for this file")!;

    const byLine = apply(text, line.edit!.changes![uri]!);
    expect(byLine).toContain('  - "-t"\n  # llmchart-disable-next-line threads-exceed-cpu-limit\n  - "12"\n');
    await client.replace(uri, byLine, 2);
    expect((await client.diagnostics(uri, 2)).diagnostics).toEqual([]);

    const byFile = apply(text, file.edit!.changes![uri]!);
    expect(byFile.split("\n").slice(0, 2)).toEqual(["# yaml-language-server: $schema=../../../../schemas/values.schema.json", "# llmchart-disable threads-exceed-cpu-limit"]);
    await client.replace(uri, byFile, 3);
    expect((await client.diagnostics(uri, 3)).diagnostics).toEqual([]);
    expect(cliProblems(project.root, VALUES, byFile, project.write)).toEqual([]);
  });

  it("applies the config's severities, and re-lints open files when the config changes on disk", async () => {
    const { project, client } = await startClient({ "llmchart.config.yaml": "rules:\n  threads-exceed-cpu-limit: warning\n" });
    const uri = project.uri(VALUES);
    await client.open(uri, edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"'), 1);
    const first = await client.diagnostics(uri, 1);
    expect(first.diagnostics.map((d) => [d.code, d.severity])).toEqual([["threads-exceed-cpu-limit", 2]]);

    const count = client.published(uri).length;
    project.write("llmchart.config.yaml", "rules:\n  threads-exceed-cpu-limit: \"off\"\n");
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: project.uri("llmchart.config.yaml"), type: FileChangeType.Changed }] });
    const relinted = await client.waitFor(uri, () => client.published(uri).length > count);
    expect(relinted.diagnostics).toEqual([]);
  });

  it("lints llmchart.config.yaml from the buffer", async () => {
    const { project, client } = await startClient({ "llmchart.config.yaml": "rules: {}\n" });
    const uri = project.uri("llmchart.config.yaml");
    await client.open(uri, "rules:\n  threads-exceeds-cpu-limit: warning\n", 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.range.start, d.message])).toEqual([
      ["config/unknown-rule", { line: 1, character: 2 }, 'rules.threads-exceeds-cpu-limit: unknown rule — did you mean "threads-exceed-cpu-limit"?'],
    ]);
  });

  it("hovers -c with the flag table's entry", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    await client.open(uri, CLEAN, 1);
    const line = CLEAN.split("\n").indexOf('  - "-c"');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 6 } });
    const md = (hover!.contents as MarkupContent).value;
    const build = pinnedServerBuild(defaultConfig);
    const spec = build.flags.find("-c")!;
    expect(md).toContain(spec.names.map((n) => `\`${n}\``).join(", "));
    expect(md).toContain(`Environment variable: \`${spec.env}\``);
    expect(md).toContain("Value: integer (`N`)");
    expect(md).toContain(`- In b${build.requested}: accepted`);
    expect(md).toContain(`This file runs \`${defaultConfig.images.server.tag}\``);
    expect(hover!.range).toEqual({ start: { line, character: 4 }, end: { line, character: 8 } });
  });

  it("hovers a removed flag with what to use instead", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const text = edited("replicaCount: 1\n", "replicaCount: 1\nimage:\n  tag: server-b10900\n", edited('  - "--cache-ram"', '  - "--mlock"\n  - "--cache-ram"'));
    await client.open(uri, text, 1);
    const line = text.split("\n").indexOf('  - "--mlock"');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 8 } });
    expect((hover!.contents as MarkupContent).value).toContain("**removed** in b10875");
    expect((hover!.contents as MarkupContent).value).toContain("use --load-mode mlock");
  });

  it("hovers resources.limits.memory with the model's memory estimate", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    await client.open(uri, CLEAN, 1);
    const line = CLEAN.split("\n").lastIndexOf('    memory: "12Gi"');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 14 } });
    const md = (hover!.contents as MarkupContent).value;
    expect(md).toContain(`**resources.limits.memory: 12Gi** = ${12 * 2 ** 30} bytes (12.0 GiB)`);
    expect(md).toMatch(/Estimated need for this model: \*\*[0-9.]+ GiB\*\*/);
    // The estimate's own terms, from the pinned GGUF header (the project's lock), as lint itemises them.
    expect(md).toContain("- no prompt cache (--cache-ram 0)");
    expect(md).toMatch(/- KV cache [0-9.]+ MiB \(-c 2048, f16, 32 layers, 4 slots sharing it; from the pinned GGUF header\)/);
    expect(md).toMatch(/The limit covers the estimate with .* to spare\./);
  });

  it("hovers a values key with the schema description and the default", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    await client.open(uri, CLEAN, 1);
    const line = CLEAN.split("\n").indexOf("replicaCount: 1");
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 3 } });
    const md = (hover!.contents as MarkupContent).value;
    expect(md).toContain("**replicaCount**");
    expect(md).toContain("- Type: `integer`");
    // No chart in this project: the default is what the chart generator would write into values.yaml.
    expect(md).toContain("- Chart default: `1`");
  });

  it('completes the file\'s build\'s flags after `- "--`', async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const text = CLEAN + '  - "--';
    await client.open(uri, text, 1);
    const line = text.split("\n").length - 1;
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 7 } })) as CompletionItem[];
    const labels = items.map((i) => i.label).sort();
    const exits = ["--help", "--usage", "--version", "--completion-bash", "--list-devices", "--cache-list", "--license"];
    const expected = pinnedServerBuild(defaultConfig)
      .flags.specs.filter((s) => s.server && s.status !== "removed" && !s.names.some((n) => exits.includes(n)))
      .flatMap((s) => s.names.filter((n) => n.startsWith("--")))
      .sort();
    expect(labels).toEqual(expected);
    expect(labels).toContain("--ctx-size");
    expect(labels).not.toContain("--mlock");
    const ctx = items.find((i) => i.label === "--ctx-size")!;
    expect(ctx.textEdit).toEqual({ range: { start: { line, character: 5 }, end: { line, character: 7 } }, newText: '--ctx-size"' });
  });

  it("completes an enumerated flag value and values keys from the schema", async () => {
    const { project, client } = await startClient();
    const uri = project.uri(VALUES);
    const text = CLEAN + '  - "-fa"\n  - "';
    await client.open(uri, text, 1);
    const line = text.split("\n").length - 1;
    const values = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 5 } })) as CompletionItem[];
    expect(values.map((i) => i.label)).toEqual(["on", "off", "auto"]);

    const keys = CLEAN.replace("  limits:\n", "  limits:\n    me\n");
    await client.replace(uri, keys, 2);
    const keyLine = keys.split("\n").indexOf("    me");
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: keyLine, character: 6 } })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["cpu", "memory"]));
    const top = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 0 } })) as CompletionItem[];
    expect(top.map((i) => i.label)).toEqual(expect.arrayContaining(["replicaCount", "extraArgs", "resources", "model"]));
  });

  it("exits 0 after shutdown and exit", async () => {
    const { client } = await startClient();
    expect(await client.stop()).toBe(0);
  });

  it("exits (1) when the client goes away without shutdown", async () => {
    const { client } = await startClient();
    client.child.stdin!.end();
    expect(await client.exited).toBe(1);
  });
});

// The docs links point at real pages.
it("links every policy rule to an existing docs page", async () => {
  const { policyRules } = await import("@llmchart/policy");
  for (const r of policyRules) expect(readFileSync(join(packageDir, "../..", r.docs!), "utf8").length).toBeGreaterThan(0);
});
