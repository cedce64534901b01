import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defaultConfig, generatedMarker, isGenerated } from "@llmchart/schema";
import { renderChart } from "@llmchart/chart";
import { renderApplications } from "@llmchart/sync";
import { describe, expect, it } from "vitest";
import { READ_ONLY_MESSAGE } from "../src/atomic.js";
import { InputError } from "../src/errors.js";
import { LineEndingPolicy } from "../src/line-endings.js";
import { writeGeneratedFiles, type FileToWrite } from "../src/write-files.js";

/** The marker of llmchart's own repository, whose command is `pnpm render`. */
const GENERATED_MARKER = generatedMarker("pnpm render");
const HEADER = `# ${GENERATED_MARKER} from test — do not edit.\n`;
const OWNED = "out/chart";

function tempRoot(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "llmchart-write-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

const files: FileToWrite[] = [
  { path: `${OWNED}/Chart.yaml`, content: `${HEADER}name: x\n` },
  { path: `${OWNED}/templates/a.yaml`, content: `${HEADER}kind: A\n` },
];

function listAll(root: string, dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listAll(root, join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

const OLD = new Date("2001-01-01T00:00:00Z");

describe("writeGeneratedFiles", () => {
  it("creates missing files and folders", () => {
    const root = tempRoot();
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.drift).toEqual([
      { path: `${OWNED}/Chart.yaml`, kind: "missing" },
      { path: `${OWNED}/templates/a.yaml`, kind: "missing" },
    ]);
    expect(readFileSync(join(root, OWNED, "templates/a.yaml"), "utf8")).toBe(`${HEADER}kind: A\n`);
    expect(listAll(root)).toEqual([`${OWNED}/Chart.yaml`, `${OWNED}/templates/a.yaml`]);
  });

  it("never overwrites a hand-written file (no generated header) at a generated path: it is reported and kept byte for byte", () => {
    const mine = "# written by a person\nname: mine\n";
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: mine });
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.handWritten).toEqual([`${OWNED}/Chart.yaml`]);
    expect(r.drift).toEqual([{ path: `${OWNED}/templates/a.yaml`, kind: "missing" }]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(mine);
  });

  it("replaces a hand-written file only when it is adopted, and says what it replaced", () => {
    const mine = "# written by a person\nname: mine\n";
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: mine });
    const checked = writeGeneratedFiles(files, { root, owned: [OWNED], check: true, adopt: new Set([`${OWNED}/Chart.yaml`]) });
    expect(checked.adopted).toEqual([{ path: `${OWNED}/Chart.yaml`, before: mine, after: `${HEADER}name: x\n` }]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(mine);
    const r = writeGeneratedFiles(files, { root, owned: [OWNED], adopt: new Set([`${OWNED}/Chart.yaml`]) });
    expect(r.handWritten).toEqual([]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(`${HEADER}name: x\n`);
  });

  it("touches nothing when everything is up to date: same bytes, same mtime", () => {
    const root = tempRoot();
    writeGeneratedFiles(files, { root, owned: [OWNED] });
    for (const f of files) utimesSync(join(root, f.path), OLD, OLD);
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r).toEqual({ drift: [], handWritten: [], adopted: [], unchanged: files.map((f) => f.path), files });
    for (const f of files) expect(statSync(join(root, f.path)).mtime.getTime()).toBe(OLD.getTime());
  });

  it("replaces a changed file by rename (a new inode), leaving no temporary file", () => {
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: `${HEADER}name: edited\n`, [`${OWNED}/templates/a.yaml`]: `${HEADER}kind: A\n` });
    const before = statSync(join(root, OWNED, "Chart.yaml")).ino;
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.drift).toEqual([{ path: `${OWNED}/Chart.yaml`, kind: "changed", line: 2 }]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(`${HEADER}name: x\n`);
    expect(statSync(join(root, OWNED, "Chart.yaml")).ino).not.toBe(before);
    expect(listAll(root)).toEqual([`${OWNED}/Chart.yaml`, `${OWNED}/templates/a.yaml`]);
  });

  it("with check, writes and deletes nothing and reports missing, changed and stale files", () => {
    const root = tempRoot({
      [`${OWNED}/Chart.yaml`]: `${HEADER}name: edited\n`,
      [`${OWNED}/templates/old.yaml`]: `${HEADER}kind: Old\n`,
    });
    const r = writeGeneratedFiles(files, { root, owned: [OWNED], check: true });
    expect(r.drift).toEqual([
      { path: `${OWNED}/Chart.yaml`, kind: "changed", line: 2 },
      { path: `${OWNED}/templates/a.yaml`, kind: "missing" },
      { path: `${OWNED}/templates/old.yaml`, kind: "stale" },
    ]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(`${HEADER}name: edited\n`);
    expect(listAll(root)).toEqual([`${OWNED}/Chart.yaml`, `${OWNED}/templates/old.yaml`]);
  });

  it("deletes a stale generated file and the folder it leaves empty", () => {
    const root = tempRoot({ [`${OWNED}/gone/old.yaml`]: `#!/bin/sh\n${HEADER}` });
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.drift).toContainEqual({ path: `${OWNED}/gone/old.yaml`, kind: "stale" });
    expect(existsSync(join(root, OWNED, "gone"))).toBe(false);
    expect(existsSync(join(root, OWNED))).toBe(true);
  });

  it("never deletes a hand-written file in an owned folder, and reports it", () => {
    const root = tempRoot({ [`${OWNED}/templates/mine.yaml`]: "kind: Mine\n", "elsewhere/other.yaml": `${HEADER}x: 1\n` });
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.handWritten).toEqual([`${OWNED}/templates/mine.yaml`]);
    expect(readFileSync(join(root, OWNED, "templates/mine.yaml"), "utf8")).toBe("kind: Mine\n");
    // Files outside the owned folders are none of the writer's business, generated or not.
    expect(existsSync(join(root, "elsewhere/other.yaml"))).toBe(true);
  });

  it("refuses paths that leave the root", () => {
    const root = tempRoot();
    expect(() => writeGeneratedFiles([{ path: "../escape.yaml", content: "" }], { root, owned: [] })).toThrow(/inside the repository/);
    expect(() => writeGeneratedFiles([{ path: "/etc/passwd", content: "" }], { root, owned: [] })).toThrow(/inside the repository/);
    expect(() => writeGeneratedFiles([], { root, owned: ["a/../../b"] })).toThrow(/inside the repository/);
    expect(() => writeGeneratedFiles([files[0]!, files[0]!], { root, owned: [] })).toThrow(/two generators produce/);
  });
});

describe("isGenerated", () => {
  it("finds the marker in the first lines only", () => {
    expect(isGenerated(HEADER)).toBe(true);
    expect(isGenerated(`#!/bin/sh\n${HEADER}`)).toBe(true);
    expect(isGenerated(`{\n  "$comment": "${GENERATED_MARKER} from x — do not edit.",\n`)).toBe(true);
    expect(isGenerated(Buffer.from(`{{- /* ${GENERATED_MARKER} from x */ -}}\n`))).toBe(true);
    expect(isGenerated(`a\nb\nc\nd\ne\n# ${GENERATED_MARKER}\n`)).toBe(false);
    expect(isGenerated("kind: Mine\n")).toBe(false);
  });

  it("recognises every header variant, old and new: whichever command a repository names, its files stay llmchart's", () => {
    for (const command of ["pnpm render", "llmchart render", "npm run render", "yarn render", "bun run render", "npx llmchart render", "pnpm llmchart render"]) {
      expect(isGenerated(`# ${generatedMarker(command)} from x — do not edit.\r\nkind: A\r\n`), command).toBe(true);
    }
    // Only a command that renders: a person's note about another generator is not ours.
    expect(isGenerated("# generated by `make docs` from x\n")).toBe(false);
    expect(isGenerated("# generated by hand\n")).toBe(false);
  });
});

describe("the generated-file marker", () => {
  it("is written by both generators, for the default command and the repository's own, so render can tell their stale files from hand-written ones", () => {
    const argocd = { ...defaultConfig, argocd: { repoURL: "https://git.example.com/llm.git" } };
    for (const renderCommand of [undefined, "yarn render"]) {
      const { files } = renderApplications(argocd, ["infra/apps/llm/values/phi2.yaml"], undefined, renderCommand ? { renderCommand } : {});
      expect(files.length).toBe(1);
      for (const f of files) expect(isGenerated(f.content), f.path).toBe(true);
    }
    for (const f of renderChart(defaultConfig)) expect(isGenerated(f.content), f.path).toBe(true);
    for (const f of renderChart(defaultConfig, { renderCommand: "yarn render" })) expect(isGenerated(f.content), f.path).toBe(true);
  });
});

describe("writeGeneratedFiles: line endings", () => {
  const crlf = (s: string) => s.replace(/\n/g, "\r\n");

  it("keeps the line endings of the file it replaces, and finds a CRLF copy of an LF file up to date", () => {
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: crlf(`${HEADER}name: old\n`), [`${OWNED}/templates/a.yaml`]: crlf(`${HEADER}kind: A\n`) });
    const r = writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(r.unchanged).toEqual([`${OWNED}/templates/a.yaml`]);
    expect(r.drift).toEqual([{ path: `${OWNED}/Chart.yaml`, kind: "changed", line: 2 }]);
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(crlf(`${HEADER}name: x\n`));
    // Running it again changes nothing, and --check agrees.
    expect(writeGeneratedFiles(files, { root, owned: [OWNED], check: true }).drift).toEqual([]);
  });

  it("gives a new file the line endings of the files beside it", () => {
    const root = tempRoot({ [`${OWNED}/templates/mine.txt`]: "a\r\nb\r\n" });
    writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(readFileSync(join(root, OWNED, "templates/a.yaml"), "utf8")).toBe(crlf(`${HEADER}kind: A\n`));
  });

  it("else what .gitattributes says for the path, else those of the nearest folder above, else LF", () => {
    const attributed = tempRoot({ ".gitattributes": "*.yaml text eol=crlf\n*.md text\n", "README.md": "x\n" });
    mkdirSync(join(attributed, ".git"));
    writeGeneratedFiles(files, { root: attributed, owned: [OWNED] });
    expect(readFileSync(join(attributed, OWNED, "Chart.yaml"), "utf8")).toBe(crlf(`${HEADER}name: x\n`));

    const above = tempRoot({ "notes.txt": "one\r\ntwo\r\n" });
    writeGeneratedFiles(files, { root: above, owned: [OWNED] });
    expect(readFileSync(join(above, OWNED, "templates/a.yaml"), "utf8")).toBe(crlf(`${HEADER}kind: A\n`));

    const empty = tempRoot();
    writeGeneratedFiles(files, { root: empty, owned: [OWNED] });
    expect(readFileSync(join(empty, OWNED, "templates/a.yaml"), "utf8")).toBe(`${HEADER}kind: A\n`);
  });

  it("decides every file before writing any, so the order of the writes changes nothing", () => {
    const policy = new LineEndingPolicy(tempRoot({ "a/one.yaml": "x\r\n", "a/two.yaml": "y\n", "a/three.yaml": "z\r\n" }));
    expect(policy.for("a/new.yaml", null)).toBe("\r\n");
    expect(policy.for("a/two.yaml")).toBe("\n");
    expect(policy.for("b/new.yaml", null)).toBe("\n");
  });
});

describe("writeGeneratedFiles: read-only files (one policy for every command that writes)", () => {
  it("refuses to replace a read-only generated file with one line naming it, writes nothing at all, and keeps its mode", () => {
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: `${HEADER}name: edited\n`, [`${OWNED}/templates/old.yaml`]: `${HEADER}kind: Old\n` });
    chmodSync(join(root, OWNED, "Chart.yaml"), 0o444);
    expect(() => writeGeneratedFiles(files, { root, owned: [OWNED] })).toThrow(new InputError(`${OWNED}/Chart.yaml`, READ_ONLY_MESSAGE));
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(`${HEADER}name: edited\n`);
    expect(statSync(join(root, OWNED, "Chart.yaml")).mode & 0o777).toBe(0o444);
    // Nothing else happened either: no missing file written, no stale file deleted.
    expect(listAll(root)).toEqual([`${OWNED}/Chart.yaml`, `${OWNED}/templates/old.yaml`]);
    // --check still reports the drift; it writes nothing anyway.
    expect(writeGeneratedFiles(files, { root, owned: [OWNED], check: true }).drift.map((d) => d.kind)).toEqual(["changed", "missing", "stale"]);
  });

  it("refuses to delete a read-only stale file", () => {
    const root = tempRoot({ [`${OWNED}/templates/old.yaml`]: `${HEADER}kind: Old\n` });
    chmodSync(join(root, OWNED, "templates/old.yaml"), 0o444);
    expect(() => writeGeneratedFiles(files, { root, owned: [OWNED] })).toThrow(READ_ONLY_MESSAGE);
    expect(listAll(root)).toEqual([`${OWNED}/templates/old.yaml`]);
  });

  it("keeps the mode of a writable file it replaces", () => {
    const root = tempRoot({ [`${OWNED}/Chart.yaml`]: `${HEADER}name: edited\n` });
    chmodSync(join(root, OWNED, "Chart.yaml"), 0o600);
    writeGeneratedFiles(files, { root, owned: [OWNED] });
    expect(readFileSync(join(root, OWNED, "Chart.yaml"), "utf8")).toBe(`${HEADER}name: x\n`);
    expect(statSync(join(root, OWNED, "Chart.yaml")).mode & 0o777).toBe(0o600);
  });
});
