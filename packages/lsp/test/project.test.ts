import { expect, it } from "vitest";
import {
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  type CompletionItem,
  type MarkupContent,
} from "vscode-languageserver-protocol/node";
import { CLEAN, edited, startClient } from "./client.js";

const VALUES = "infra/apps/llm/values/m.yaml";
const CHART = "infra/apps/llm/charts/llama-cpp/values.yaml";

const NO_CPU_LIMIT = edited('  limits:\n    cpu: "6"\n', "  limits:\n");

it("merges the chart's values.yaml and re-lints open files when it changes on disk", async () => {
  const { project, client } = await startClient({ [CHART]: 'resources:\n  limits:\n    cpu: "6"\n' });
  const uri = project.uri(VALUES);
  await client.open(uri, NO_CPU_LIMIT, 1);
  expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);

  const count = client.published(uri).length;
  project.write(CHART, 'resources:\n  limits:\n    cpu: "4"\n');
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: project.uri(CHART), type: FileChangeType.Changed }] });
  const relinted = await client.waitFor(uri, () => client.published(uri).length > count);
  expect(relinted.diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1])).toEqual([
    ["requests-exceed-limits", 5, 10],
    ["threads-exceed-cpu-limit", 20, 5],
  ]);
  expect(relinted.diagnostics[1]!.message).toContain('resources.limits.cpu is "4"');
});

it("reloads the project when the editor saves llmchart.config.yaml (clients without file watching)", async () => {
  const { project, client } = await startClient({ "llmchart.config.yaml": "rules: {}\n" });
  const uri = project.uri(VALUES);
  await client.open(uri, edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"'), 1);
  expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => [d.code, d.severity])).toEqual([["threads-exceed-cpu-limit", 1]]);
  const count = client.published(uri).length;
  project.write("llmchart.config.yaml", "rules:\n  threads-exceed-cpu-limit: info\n");
  await client.open(project.uri("llmchart.config.yaml"), "rules:\n  threads-exceed-cpu-limit: info\n", 1);
  await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: project.uri("llmchart.config.yaml") } });
  const relinted = await client.waitFor(uri, () => client.published(uri).length > count);
  expect(relinted.diagnostics.map((d) => [d.code, d.severity])).toEqual([["threads-exceed-cpu-limit", 3]]);
});

it("shows an unusable config at its position, in the config and in the values files", async () => {
  const config = "rules:\n  threads-exceed-cpu-limit: loud\n";
  const { project, client } = await startClient({ "llmchart.config.yaml": config });
  const values = project.uri(VALUES);
  await client.open(values, CLEAN, 1);
  const v = await client.diagnostics(values, 1);
  expect(v.diagnostics).toHaveLength(1);
  expect(v.diagnostics[0]!.range.start).toEqual({ line: 0, character: 0 });
  expect(v.diagnostics[0]!.message).toMatch(/^project not loaded: llmchart\.config\.yaml:2:\d+: /);

  const cfg = project.uri("llmchart.config.yaml");
  await client.open(cfg, config, 1);
  const c = await client.diagnostics(cfg, 1);
  expect(c.diagnostics).toHaveLength(1);
  expect(c.diagnostics[0]!.range.start.line).toBe(1);
  expect(c.diagnostics[0]!.message).not.toContain("project not loaded");
});

it("leaves YAML files outside the values folder alone", async () => {
  const { project, client } = await startClient();
  const uri = project.uri("infra/apps/llm/argocd/llm-m.yaml");
  await client.open(uri, "modle: 1\n", 1);
  expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
  expect(hover).toBeNull();
});

it("links diagnostics to the docs base URL the client passes", async () => {
  const { project, client } = await startClient({}, { docsBaseUrl: "https://example.test/llmchart/docs/rules" });
  const uri = project.uri(VALUES);
  await client.open(uri, edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"'), 1);
  const { diagnostics } = await client.diagnostics(uri, 1);
  expect(diagnostics[0]!.codeDescription).toEqual({ href: "https://example.test/llmchart/docs/rules/threads-exceed-cpu-limit.md" });
});

it("links diagnostics under the config's docs.baseUrl when the client passes none", async () => {
  const { project, client } = await startClient({ "llmchart.config.yaml": "docs:\n  baseUrl: https://git.acme.internal/llmchart/docs/rules/\n" });
  const uri = project.uri(VALUES);
  await client.open(uri, edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"'), 1);
  const { diagnostics } = await client.diagnostics(uri, 1);
  expect(diagnostics[0]!.codeDescription).toEqual({ href: "https://git.acme.internal/llmchart/docs/rules/threads-exceed-cpu-limit.md" });
});

it("hovers and completes LLAMA_ARG_* names in extraEnv", async () => {
  const { project, client } = await startClient();
  const uri = project.uri(VALUES);
  const text = `${CLEAN}extraEnv:\n  - name: LLAMA_ARG_N_PARALLEL\n    value: "2"\n  - name: LLAMA_ARG_CTX`;
  await client.open(uri, text, 1);
  const lines = text.split("\n");
  const line = lines.indexOf("  - name: LLAMA_ARG_N_PARALLEL");
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 14 } });
  const md = (hover!.contents as MarkupContent).value;
  expect(md).toContain("`-np`, `--parallel`");
  expect(md).toContain("Environment variable: `LLAMA_ARG_N_PARALLEL`");

  const last = lines.length - 1;
  const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: last, character: lines[last]!.length } })) as CompletionItem[];
  expect(items.map((i) => i.label)).toContain("LLAMA_ARG_CTX_SIZE");
  expect(items.every((i) => i.label.startsWith("LLAMA_ARG_CTX"))).toBe(true);
});

it("refuses to lint a buffer above the CLI's size limit, saying so", async () => {
  const { project, client } = await startClient();
  const uri = project.uri(VALUES);
  await client.open(uri, `${CLEAN}# ${"x".repeat(1024 * 1024)}\n`, 1);
  const { diagnostics } = await client.diagnostics(uri, 1);
  expect(diagnostics.map((d) => [d.code, d.message])).toEqual([["not-linted", "not linted: the file is larger than the 1048576-byte limit for a values file"]]);
});

it("hovers and completes rule ids and severities in llmchart.config.yaml", async () => {
  const { project, client } = await startClient({ "llmchart.config.yaml": "rules: {}\n" });
  const uri = project.uri("llmchart.config.yaml");
  const text = "rules:\n  threads-exceed-cpu-limit: warning\n  mem";
  await client.open(uri, text, 1);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 5 } });
  const md = (hover!.contents as MarkupContent).value;
  expect(md).toMatch(/^\*\*threads-exceed-cpu-limit\*\* \(default: error\)/);
  expect(md).toMatch(/\(https:\/\/cdn\.jsdelivr\.net\/npm\/llmchart@[^/]+\/dist\/docs\/rules\/threads-exceed-cpu-limit\.md\)$/);

  const ids = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } })) as CompletionItem[];
  expect(ids.map((i) => i.label)).toEqual(expect.arrayContaining(["memory-headroom", "memory-below-model-size", "threads-exceed-cpu-limit"]));
  expect(ids.find((i) => i.label === "memory-headroom")!.textEdit).toEqual({ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }, newText: "memory-headroom: " });
  await client.replace(uri, "rules:\n  memory-headroom: ", 2);
  const severities = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 19 } })) as CompletionItem[];
  expect(severities.map((i) => i.label)).toEqual(["off", "info", "warning", "error"]);
});

it("lints the values folder the CLI resolves from the config (a root with a trailing slash, ./values)", async () => {
  // The CLI joins layout.root and valuesDir as paths: infra/apps/llm/ + ./values is infra/apps/llm/values.
  const config = "layout:\n  root: infra/apps/llm/\n  valuesDir: ./values\n";
  const { project, client } = await startClient({ "llmchart.config.yaml": config });
  const uri = project.uri(VALUES);
  await client.open(uri, edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"'), 1);
  expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(["threads-exceed-cpu-limit"]);
});
