// Hovers and completion follow the build each values file runs (its image.tag, else the chart's
// pin): the same buffer pinned to server-b4719 and to server-b10200 gets different answers, from
// the real language server over stdio.
import { flagsAt } from "@llmchart/policy";
import { describe, expect, it } from "vitest";
import { CompletionItemTag, CompletionRequest, HoverRequest, type CompletionItem, type MarkupContent } from "vscode-languageserver-protocol/node";
import { edited, startClient } from "./client.js";

const VALUES = "infra/apps/llm/values/m.yaml";

/** CLEAN pinned to `tag`, with --mlock among its arguments and LLAMA_ARG_CACHE_RAM in its environment. */
function pinned(tag: string): string {
  const withImage = edited("replicaCount: 1\n", `replicaCount: 1\nimage:\n  tag: ${tag}\n`);
  return edited('  - "--host"\n', '  - "--mlock"\n  - "--host"\n', withImage) + 'extraEnv:\n  - name: LLAMA_ARG_CACHE_RAM\n    value: "0"\n';
}

async function hover(tag: string, find: (line: string) => boolean, character: number): Promise<string> {
  const { project, client } = await startClient();
  const uri = project.uri(VALUES);
  const text = pinned(tag);
  await client.open(uri, text, 1);
  const line = text.split("\n").findIndex(find);
  const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  return (h!.contents as MarkupContent).value;
}

async function complete(text: string, character: number): Promise<CompletionItem[]> {
  const { project, client } = await startClient();
  const uri = project.uri(VALUES);
  await client.open(uri, text, 1);
  const line = text.split("\n").length - 1;
  return (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[];
}

const EXITS = ["--help", "--usage", "--version", "--completion-bash", "--list-devices"];

describe("hovers follow the file's build", () => {
  it("--mlock: accepted in b4719, deprecated in b10200 with the replacement that build has", async () => {
    const old = await hover("server-b4719", (l) => l === '  - "--mlock"', 8);
    expect(old).toContain("- In b4719: accepted");
    expect(old).toContain("This file runs `server-b4719`.");
    expect(old).not.toContain("--load-mode");
    const mid = await hover("server-b10200", (l) => l === '  - "--mlock"', 8);
    expect(mid).toMatch(/- In b10200: deprecated since b10105: use --load-mode mlock/);
    expect(mid).toContain("This file runs `server-b10200`.");
  });

  it("--cache-ram: not in b4719 (added in b6723); in b10200 with its default", async () => {
    const old = await hover("server-b4719", (l) => l === '  - "--cache-ram"', 8);
    expect(old).toContain("**`--cache-ram`** — not in this file's build b4719: added in b6723.");
    const mid = await hover("server-b10200", (l) => l === '  - "--cache-ram"', 8);
    expect(mid).toContain("- In b10200: accepted (added in b6723)");
    expect(mid).toContain("- Default: `8192`");
  });

  it("an environment variable, and a file that takes its build from the config", async () => {
    const env = await hover("server-b4719", (l) => l === "  - name: LLAMA_ARG_CACHE_RAM", 14);
    expect(env).toContain("not in this file's build b4719: added in b6723");
    const { project, client } = await startClient({ "llmchart.config.yaml": "images:\n  server:\n    repository: ghcr.io/ggml-org/llama.cpp\n    tag: server-b4719\n" });
    const uri = project.uri(VALUES);
    const text = edited('  - "--host"\n', '  - "--mlock"\n  - "--host"\n');
    await client.open(uri, text, 1);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: text.split("\n").indexOf('  - "--mlock"'), character: 8 } });
    expect((h!.contents as MarkupContent).value).toContain("This file runs `server-b4719`.");
  });
});

describe("completion offers the flags of the file's build", () => {
  it("b4719: its own long flags, none added later, none that make the server exit", async () => {
    const text = `${pinned("server-b4719")}  - "--`.replace('extraEnv:\n  - name: LLAMA_ARG_CACHE_RAM\n    value: "0"\n', "");
    const labels = (await complete(text, 7)).map((i) => i.label).sort();
    const table = flagsAt(4719);
    const expected = table.specs
      .filter((s) => s.server && s.status !== "removed" && !s.names.some((n) => EXITS.includes(n) || n === "--cache-list" || n === "-cl" || n === "--license"))
      .flatMap((s) => s.names.filter((n) => n.startsWith("--")))
      .sort();
    expect(labels).toEqual(expected);
    expect(labels).toContain("--mlock");
    for (const later of ["--cache-ram", "--load-mode", "--no-jinja", "--fit"]) expect(labels).not.toContain(later);
    for (const exit of EXITS) expect(labels).not.toContain(exit);
  });

  it("b10200: --cache-ram and --load-mode offered, --mlock marked deprecated", async () => {
    const text = `${pinned("server-b10200")}  - "--`.replace('extraEnv:\n  - name: LLAMA_ARG_CACHE_RAM\n    value: "0"\n', "");
    const items = await complete(text, 7);
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["--cache-ram", "--load-mode", "--mlock"]));
    for (const exit of EXITS) expect(labels).not.toContain(exit);
    const mlock = items.find((i) => i.label === "--mlock")!;
    expect(mlock.tags).toEqual([CompletionItemTag.Deprecated]);
    expect(mlock.detail).toContain("deprecated since b10105: use --load-mode mlock");
    expect(items.find((i) => i.label === "--cache-ram")!.tags).toBeUndefined();
  });

  it("extraEnv: LLAMA_ARG_CACHE_RAM only where the build reads it", async () => {
    const names = async (tag: string) => {
      const text = `${pinned(tag)}  - name: LLAMA_ARG_CA`;
      return (await complete(text, 22)).map((i) => i.label);
    };
    expect(await names("server-b4719")).not.toContain("LLAMA_ARG_CACHE_RAM");
    expect(await names("server-b10200")).toContain("LLAMA_ARG_CACHE_RAM");
  });
});
