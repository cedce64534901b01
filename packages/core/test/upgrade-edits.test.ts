// The text edits `llmchart upgrade --write` makes: only the characters of what changes, so
// comments, quoting, order and line endings survive, and Helm (YAML 1.1) reads back the strings.
import { parseSource } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { applyEdits, insertAfterItem, replaceScalar, scalarText, setMapScalar, type TextEdit } from "../src/upgrade/edits.js";
import { locate } from "@llmchart/schema";

const src = (text: string) => parseSource("v.yaml", text);
const edit = (text: string, e: TextEdit | undefined) => {
  expect(e).toBeDefined();
  return applyEdits(text, [e!]);
};

describe("insertAfterItem", () => {
  it("adds a line per value below the item, in its quoting, its comment left on its line", () => {
    const text = 'extraArgs:\n  - "--load-mode" # keep in RAM\n  - "-c"\n';
    expect(edit(text, insertAfterItem(src(text), ["extraArgs"], 0, ["mlock"]))).toBe('extraArgs:\n  - "--load-mode" # keep in RAM\n  - "mlock"\n  - "-c"\n');
  });

  it("quotes what YAML 1.1 would read as a boolean, even after a plain item", () => {
    const text = "extraArgs:\n  - -fa\n";
    const out = edit(text, insertAfterItem(src(text), ["extraArgs"], 0, ["on"]));
    expect(out).toBe('extraArgs:\n  - -fa\n  - "on"\n');
    expect(parse(out, { version: "1.1" })).toEqual({ extraArgs: ["-fa", "on"] });
  });

  it("keeps CRLF line endings and a last line without a line break", () => {
    const text = "extraArgs:\r\n  - '-fa'";
    expect(edit(text, insertAfterItem(src(text), ["extraArgs"], 0, ["on"]))).toBe("extraArgs:\r\n  - '-fa'\r\n  - 'on'\r\n");
  });

  it("adds `, value` after the item of a flow sequence", () => {
    const text = 'extraArgs: ["-fa", "-c", "4096"] # short\n';
    expect(edit(text, insertAfterItem(src(text), ["extraArgs"], 0, ["on"]))).toBe('extraArgs: ["-fa", "on", "-c", "4096"] # short\n');
  });
});

describe("setMapScalar", () => {
  it("replaces the value in place, keeping its quotes and comment", () => {
    const text = "image:\n  tag: 'server-b4719' # tested\n";
    expect(edit(text, setMapScalar(src(text), ["image", "tag"], "server-b10900"))).toBe("image:\n  tag: 'server-b10900' # tested\n");
  });

  it("adds a missing key after the mapping's last entry, with its indentation", () => {
    const text = "image:\n    repository: ghcr.io/ggml-org/llama.cpp # official\nreplicaCount: 1\n";
    expect(edit(text, setMapScalar(src(text), ["image", "tag"], "server-b10900"))).toBe("image:\n    repository: ghcr.io/ggml-org/llama.cpp # official\n    tag: server-b10900\nreplicaCount: 1\n");
  });

  it("adds the missing mappings too, also to a document of comments only", () => {
    expect(edit("# defaults\n", setMapScalar(src("# defaults\n"), ["images", "server", "tag"], "server-b10900"))).toBe("# defaults\nimages:\n  server:\n    tag: server-b10900\n");
    const text = "replicaCount: 1\n";
    expect(edit(text, setMapScalar(src(text), ["image", "tag"], "server-b1"))).toBe("replicaCount: 1\nimage:\n  tag: server-b1\n");
  });

  it("leaves a flow mapping or a list to a person", () => {
    expect(setMapScalar(src("image: { tag: server-b1 }\n"), ["image", "tag"], "x")).toBeDefined();
    expect(setMapScalar(src("image: { repository: r }\n"), ["image", "tag"], "x")).toBeUndefined();
    expect(setMapScalar(src("image: [1]\n"), ["image", "tag"], "x")).toBeUndefined();
  });
});

describe("applyEdits", () => {
  it("keeps the given order of insertions at one offset, and applies a replacement next to them", () => {
    const text = "a\nb\n";
    expect(applyEdits(text, [{ range: [2, 2], text: "1\n" }, { range: [2, 2], text: "2\n" }, { range: [0, 1], text: "A" }])).toBe("A\n1\n2\nb\n");
  });

  it("replaceScalar writes a plain scalar plain only when it reads back as the same string", () => {
    const s = src("a: x\n");
    const node = locate(s.doc, ["a"]).node;
    expect(replaceScalar(node, "z")?.text).toBe("z");
    expect(replaceScalar(node, "y")?.text).toBe('"y"');
    expect(replaceScalar(node, "yes")?.text).toBe('"yes"');
    expect(scalarText("it's", undefined)).toBe('"it\'s"');
  });
});
