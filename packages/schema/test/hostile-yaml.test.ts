// YAML built to explode or confuse (inputs bounded in size; a hang fails on the test timeout):
// every file parses into positioned problems, never a throw,
// a hang, a process warning or a JavaScript object Helm would not see.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { MAX_NESTING_DEPTH, parseSource } from "../src/source-file.js";
import { checkValues } from "../src/values.js";
import { toData } from "../src/yaml-problems.js";

function check(text: string) {
  return checkValues(parseSource("v.yaml", text));
}

let warn: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  warn = vi.spyOn(process, "emitWarning");
});
afterEach(() => {
  expect(warn).not.toHaveBeenCalled();
  warn.mockRestore();
});

describe("nesting", () => {
  const flowSeq = (n: number) => `a: ${"[".repeat(n)}${"]".repeat(n)}\n`;

  it.each([
    ["flow lists", flowSeq(50_000), 1, 4 + MAX_NESTING_DEPTH - 1],
    ["flow mappings", `a: ${"{a: ".repeat(20_000)}1${"}".repeat(20_000)}\n`, 1, 4 + 4 * (MAX_NESTING_DEPTH - 1)],
    ["compact block lists", `a:\n  ${"- ".repeat(50_000)}x\n`, 2, 3 + 2 * (MAX_NESTING_DEPTH - 1)],
    ["block mappings", Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " 1\n", MAX_NESTING_DEPTH + 1, MAX_NESTING_DEPTH + 1],
  ])("refuses %s nested too deeply, with the position where the limit is crossed", (_, text, line, column) => {
    const { problems, data } = check(text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ ruleId: "yaml/syntax", severity: "error", line, column, message: `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of lists and mappings` }),
    ]);
  });

  it(`accepts exactly ${MAX_NESTING_DEPTH} levels and refuses one more`, () => {
    // The root mapping is the first level.
    expect(check(flowSeq(MAX_NESTING_DEPTH - 1)).problems.map((p) => p.ruleId)).toEqual(["schema/unknown-property"]);
    expect(check(flowSeq(MAX_NESTING_DEPTH)).problems.map((p) => p.message)).toEqual([expect.stringMatching(/^nested too deeply/)]);
  });

  it("survives the same hostile file many times in one process (no stack left in a bad state)", () => {
    for (let i = 0; i < 10; i++) expect(check(flowSeq(5_000 + i)).problems).toHaveLength(1);
  });
});

describe("keys that are not strings", () => {
  it.each([
    ["a list", "nodeSelector:\n  ? [a, b]\n  : x\n", 2, 5, "a key must be a string, not a list: Helm cannot read this mapping"],
    ["a flow mapping", "nodeSelector:\n  {a: 1}: x\n", 2, 3, "a key must be a string, not a mapping: Helm cannot read this mapping"],
    ["null", "nodeSelector:\n  null: x\n", 2, 3, 'a key must be a string, not null (quote it to mean the text "null"): Helm cannot read this mapping'],
    ["~", "nodeSelector:\n  ~: x\n", 2, 3, 'a key must be a string, not null (quote it to mean the text "null"): Helm cannot read this mapping'],
    ["empty", "nodeSelector:\n  : x\n", 2, 3, 'a key must be a string, not null (quote it to mean the text "null"): Helm cannot read this mapping'],
    ["an alias of a list", "x: &k [a]\nnodeSelector:\n  *k : v\n", 3, 3, "a key must be a string, not a list: Helm cannot read this mapping"],
    ["__proto__", "nodeSelector:\n  __proto__: x\n", 2, 3, 'the key "__proto__" is not allowed (no Kubernetes field or label has that name)'],
  ])("reports %s as a key at its position", (_, text, line, column, message) => {
    const { problems, data } = check(text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ ruleId: "yaml/non-string-key", severity: "error", line, column, message })]);
  });

  it("keeps numbers and booleans as keys: Helm reads them as their text", () => {
    expect(check('nodeSelector:\n  1: "x"\n  true: "y"\n')).toMatchObject({ problems: [], data: { nodeSelector: { 1: "x", true: "y" } } });
  });

  it('keeps a quoted "null" as a string key', () => {
    expect(check('nodeSelector:\n  "null": x\n')).toMatchObject({ problems: [], data: { nodeSelector: { null: "x" } } });
  });
});

describe("aliases", () => {
  it.each([
    ["a list", "nodeSelector: &a [*a]\n", 1, 19],
    ["a mapping", "affinity: &a {b: *a}\n", 1, 18],
    ["the document", "&a {a: *a}\n", 1, 8],
    ["a nested node", "affinity: &a\n  b:\n    c: [1, *a]\n", 3, 12],
  ])("refuses an alias inside %s it names (a cycle) instead of recursing forever", (_, text, line, column) => {
    const { problems, data } = check(text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ ruleId: "yaml/syntax", line, column, message: "alias *a is used inside the node it names, so expanding it never ends" })]);
  });

  it("refuses a billion-laughs bomb built from merge keys", () => {
    const lines = ["a0: &a0 {x: 1}"];
    for (let i = 1; i < 20; i++) lines.push(`a${i}: &a${i}\n  <<: [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]`);
    const { problems } = check(lines.join("\n") + "\n");
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/too many alias expansions/) as string })]);
  });

  it("reads YAML merge keys as Helm does", () => {
    expect(check('x: &base {a: "1", b: "2"}\nnodeSelector:\n  <<: *base\n  b: "3"\n')).toMatchObject({ data: { nodeSelector: { a: "1", b: "3" } } });
  });
});

describe("odd but readable files", () => {
  it.each([
    ["an empty file", ""],
    ["only a comment", "# nothing here\n"],
    ["only a document marker", "---\n"],
    ["a null document", "~\n"],
    ["a BOM", "\uFEFFreplicaCount: 1\n"],
    ["CRLF line endings", "replicaCount: 1\r\nnodeSelector:\r\n  a: b\r\n"],
    ["a tab inside a value", 'podAnnotations:\n  a: "x\ty"\n'],
  ])("reads %s without problems", (_, text) => {
    expect(check(text).problems).toEqual([]);
  });

  it("reports a tab used for indentation", () => {
    expect(check("nodeSelector:\n\ta: b\n").problems[0]).toMatchObject({ ruleId: "yaml/tab-indent", line: 2, column: 1 });
  });

  it("reports a second document at its marker", () => {
    expect(check("replicaCount: 1\n---\nreplicaCount: 2\n---\nreplicaCount: 3\n").problems).toEqual([
      expect.objectContaining({ ruleId: "yaml/multiple-documents", line: 2, column: 1 }),
    ]);
  });

  it.each(["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!timestamp 2001-12-14"])(
    "leaves %s unresolved (a warning) instead of a JavaScript object Helm never sees",
    (value) => {
      const source = parseSource("v.yaml", `podAnnotations:\n  a: ${value}\n`);
      const { problems } = checkValues(source);
      expect(problems.some((p) => p.severity === "warning" && p.line === 2 && /Unresolved tag/.test(p.message))).toBe(true);
      const read = toData(source);
      expect(read.ok && JSON.stringify(read.data)).toBeTruthy();
      const a = read.ok ? (read.data as { podAnnotations: { a: unknown } }).podAnnotations.a : undefined;
      expect(a === null || typeof a === "string" || Array.isArray(a) || Object.getPrototypeOf(a) === Object.prototype).toBe(true);
    },
  );

  it("turns a number too large for a float into a type problem, not a crash", () => {
    expect(check("replicaCount: 1e400\n").problems[0]).toMatchObject({ ruleId: "schema/type", line: 1, column: 15 });
  });

  it("parses a megabyte of long lines quickly", () => {
    const text = `podAnnotations:\n${Array.from({ length: 1000 }, (_, i) => `  k${i}: "${"x".repeat(1000)}"`).join("\n")}\n`;
    expect(check(text).problems).toEqual([]);
  });
});

describe("characters YAML does not allow (Helm: \"control characters are not allowed\")", () => {
  it.each([
    ["DEL in a quoted key", 'podAnnotations:\n  "\u007f": x\n', 2, 4, "U+007F", '"\\x7f"', ""],
    ["C0 controls in a value", 'podAnnotations:\n  a: "\u0001\u0002"\n', 2, 7, "U+0001", '"\\x01"', " (1 more after it)"],
    ["a C1 control in a plain scalar", "podAnnotations:\n  a: x\u0090y\n", 2, 7, "U+0090", '"\\x90"', ""],
    ["U+FFFF", 'podAnnotations:\n  a: "\uffff"\n', 2, 7, "U+FFFF", '"\\uffff"', ""],
  ])("refuses %s at its position, suggesting the escape", (_, text, line, column, code, escape, more) => {
    const { problems, data } = check(text);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        ruleId: "yaml/syntax",
        line,
        column,
        message: `control character ${code} is not allowed in YAML, so Helm refuses the whole file${more}; inside double quotes write it as ${escape}`,
      }),
    ]);
  });

  it("accepts tabs, CR, a leading BOM and escapes of control characters", () => {
    expect(check('\ufeffpodAnnotations:\n  a: "x\ty"\r\n  b: "\\ufeff"\n  c: "\\x7f\\x01"\n').problems).toEqual([]);
  });

  it("refuses a byte order mark inside the file (Helm's parser misreads it at some offsets)", () => {
    expect(check('podAnnotations:\n  b: "x\ufeffz"\n').problems).toEqual([
      expect.objectContaining({ ruleId: "yaml/syntax", line: 2, column: 8, message: 'U+FEFF (a byte order mark) inside the file: Helm\'s YAML parser can misread it; inside double quotes write it as "\\ufeff"' }),
    ]);
  });
});

describe("characters that are line breaks to Helm (YAML 1.1) but not to the yaml library", () => {
  it.each([
    ["NEL", "\u0085", "0085"],
    ["LINE SEPARATOR", "\u2028", "2028"],
    ["PARAGRAPH SEPARATOR", "\u2029", "2029"],
  ])("refuses a raw %s, suggesting the escape", (_, char, code) => {
    expect(check(`podAnnotations:\n  a: "x${char}y"\n`).problems).toEqual([
      expect.objectContaining({
        ruleId: "yaml/syntax",
        line: 2,
        column: 8,
        message: `U+${code} is a line break to Helm's YAML parser, so Helm would read a different value than written; inside double quotes write it as "\\u${code.toLowerCase()}"`,
      }),
    ]);
  });

  it("accepts the escaped forms", () => {
    expect(check('podAnnotations:\n  a: "x\\Ny\\Lz\\P\\u2028"\n').problems).toEqual([]);
  });
});

describe("scalars read as Helm reads them (YAML 1.1)", () => {
  it.each([
    ["n", "nameOverride: n\n", 'nameOverride must be a string, got boolean false (YAML, as Helm reads it, takes the plain n for false: quote it, "n", to mean the text)'],
    ["yes", "nodeSelector:\n  llm-node: yes\n", 'nodeSelector.llm-node must be a string, got boolean true (YAML, as Helm reads it, takes the plain yes for true: quote it, "yes", to mean the text)'],
    ["an octal number", 'image:\n  tag: 010\n', 'image.tag must be a string, got number 8 (YAML, as Helm reads it, takes the plain 010 for 8: quote it, "010", to mean the text)'],
  ])("reads the plain %s as Helm does, and says why", (_, text, message) => {
    expect(check(text).problems).toEqual([expect.objectContaining({ ruleId: "schema/type", message })]);
  });

  it("reads on/off as the booleans Helm sees where the schema wants one (with only a warning)", () => {
    const { problems, data } = check("model:\n  enabled: on\nmetrics:\n  enabled: off\n");
    expect(data).toEqual({ model: { enabled: true }, metrics: { enabled: false } });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}`)).toEqual(["warning yaml/ambiguous-scalar", "warning yaml/ambiguous-scalar"]);
  });

  it("keeps dates and times as the strings Helm sees", () => {
    expect(check("podAnnotations:\n  since: 2001-12-14\n  at: 12:30:45\n")).toMatchObject({ problems: [], data: { podAnnotations: { since: "2001-12-14", at: "12:30:45" } } });
  });
});

describe("keys Helm reads as other text (YAML 1.1)", () => {
  it.each([
    ["no", "nodeSelector:\n  no: x\n", 'the plain key no is read as the boolean false, so Helm sees the key "false": quote it, "no", to keep the text'],
    ["on", "podAnnotations:\n  on: x\n", 'the plain key on is read as the boolean true, so Helm sees the key "true": quote it, "on", to keep the text'],
    ["010", "podAnnotations:\n  010: x\n", 'the plain key 010 is read as 8, so Helm sees the key "8": quote it, "010", to keep the text'],
  ])("refuses the plain key %s", (_, text, message) => {
    expect(check(text).problems).toEqual([expect.objectContaining({ ruleId: "yaml/non-string-key", line: 2, column: 3, message })]);
  });

  it('keeps a quoted "no" and a plain true or 1 (their text is what Helm sees)', () => {
    expect(check('nodeSelector:\n  "no": x\n  true: yy\n  1: z\n')).toMatchObject({ problems: [], data: { nodeSelector: { no: "x", true: "yy", 1: "z" } } });
  });
});

describe("plain scalars Helm and YAML 1.2 tools read differently", () => {
  it.each([
    ["y in extraArgs", 'extraArgs: ["-np", y]\n', 1, 20, "extraArgs[1]", 'Helm reads the plain y as the boolean true (YAML 1.1), editors on YAML 1.2 as the text "y": write true, or "y" in quotes for the text'],
    ["on for a boolean", "model:\n  enabled: on\n", 2, 12, "model.enabled", 'Helm reads the plain on as the boolean true (YAML 1.1), editors on YAML 1.2 as the text "on": write true, or "on" in quotes for the text'],
    ["an octal-looking number", "replicaCount: 010\n", 1, 15, "replicaCount", 'Helm reads the plain 010 as the number 8 (YAML 1.1), YAML 1.2 tools differently: write 8, or "010" in quotes for the text'],
  ])("warns about %s at its position", (_, text, line, column, path, message) => {
    expect(check(text).problems).toEqual([expect.objectContaining({ ruleId: "yaml/ambiguous-scalar", severity: "warning", line, column, path, message })]);
  });

  it("stays quiet about true, false, plain numbers and quoted text", () => {
    expect(check('model:\n  enabled: true\nreplicaCount: 10\nextraArgs: ["y", "010", 4096]\n').problems).toEqual([]);
  });
});

describe("block scalars Helm's parser refuses", () => {
  it("refuses a tab right after the indentation of the first line of a block scalar", () => {
    expect(check('extraArgs:\n  - "--chat-template"\n  - |\n    \tfoo\n    bar\n').problems).toEqual([
      expect.objectContaining({ ruleId: "yaml/syntax", line: 4, column: 5, message: expect.stringMatching(/^a tab starts the first line of this block scalar/) as string }),
    ]);
  });

  it("accepts a tab later in the scalar, or with an explicit indentation indicator", () => {
    expect(check('extraArgs:\n  - "--chat-template"\n  - |\n    foo\n    \tbar\n').problems).toEqual([]);
    expect(check('extraArgs:\n  - "--chat-template"\n  - |2\n    \tfoo\n').problems).toEqual([]);
  });
});
