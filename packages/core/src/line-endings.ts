import ignore from "ignore";
import { existsSync, readdirSync, readFileSync, openSync, readSync, closeSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import { tempFileOwner } from "./atomic.js";

/** A line break as files hold it. */
export type LineEnding = "\n" | "\r\n";

/** How much of a neighbouring file is read to tell its line endings. */
const SAMPLE_BYTES = 8 * 1024;
/** How many files of a folder are looked at (in name order) before the folder's answer stands. */
const SAMPLE_FILES = 16;

/**
 * The line endings a text uses: CRLF when most of its line breaks are CRLF, LF when most are
 * bare LF, undefined when it has no line break (or as many of each) or is binary (holds NUL).
 */
export function lineEndingOf(content: string | Uint8Array): LineEnding | undefined {
  const text = typeof content === "string" ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("latin1");
  if (text.includes("\0")) return undefined;
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? "\r\n" : lf > crlf ? "\n" : undefined;
}

/** `text` with every line break made `eol` (generators produce `\n`; a `\r\n` already there counts as one break). */
export function withLineEnding(text: string, eol: LineEnding): string {
  const lf = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  return eol === "\n" ? lf : lf.replace(/\n/g, "\r\n");
}

function readHead(abs: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(abs, "r");
    const buf = Buffer.alloc(SAMPLE_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SAMPLE_BYTES, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The `.gitattributes` answer for one attribute line set: `eol=` decides; `text` without it means LF (what git checks out on Linux and macOS). */
function attributeEnding(attrs: readonly string[]): LineEnding | "unset" | undefined {
  let eol: LineEnding | "unset" | undefined;
  for (const a of attrs) {
    if (a === "eol=crlf") eol = "\r\n";
    else if (a === "eol=lf") eol = "\n";
    else if (a === "text" || a === "text=auto" || a === "crlf") eol ??= "\n";
    else if (a === "-text" || a === "binary" || a === "-crlf" || a === "!eol") eol = "unset";
  }
  return eol;
}

/**
 * Decides the line endings of files llmchart writes into one repository, the same way for every
 * writer (render, new, init): a file keeps the endings of the file it replaces; a new file
 * takes those of the files beside it, else what `.gitattributes` says for its path (`eol=crlf`,
 * `eol=lf`, or `text` → LF), else those of the nearest folder above it that holds text files,
 * else LF. Folder answers are remembered for the life of the object, so decide every file of one
 * run before writing any (the answers then do not depend on the order of the writes).
 */
export class LineEndingPolicy {
  private readonly folders = new Map<string, LineEnding | undefined>();
  private readonly attributeFiles = new Map<string, AttributeLine[]>();
  private top: string | undefined;

  /** @param root the absolute project root; paths given to `for` are relative to it. */
  constructor(private readonly root: string) {}

  /**
   * The line endings for the file at `path` (root-relative, `/`-separated). `current` is its
   * content when the caller has read it already, `null` when it does not exist; left out, the
   * file is read here.
   */
  for(path: string, current?: Uint8Array | string | null): LineEnding {
    const own = current === null ? undefined : lineEndingOf(current ?? readHead(join(this.root, path)) ?? "");
    if (own) return own;
    const dir = posix.dirname(path);
    return this.folder(dir) ?? this.fromAttributes(path) ?? this.above(dir) ?? "\n";
  }

  /** What most text files directly in `dir` (root-relative) use; temporary files of a writer are not looked at. */
  private folder(dir: string): LineEnding | undefined {
    if (this.folders.has(dir)) return this.folders.get(dir);
    let crlf = 0;
    let lf = 0;
    let entries: string[] = [];
    try {
      entries = readdirSync(join(this.root, dir), { withFileTypes: true })
        .filter((e) => e.isFile() && tempFileOwner(e.name) === undefined)
        .map((e) => e.name)
        .sort();
    } catch {
      // a folder that does not exist yet holds nothing
    }
    for (const name of entries) {
      if (crlf + lf >= SAMPLE_FILES) break;
      const head = readHead(join(this.root, dir, name));
      const eol = head && lineEndingOf(head);
      if (eol === "\r\n") crlf++;
      else if (eol === "\n") lf++;
    }
    const answer = crlf > lf ? "\r\n" : lf > crlf ? "\n" : undefined;
    this.folders.set(dir, answer);
    return answer;
  }

  private above(dir: string): LineEnding | undefined {
    for (let d = dir; d !== "." && d !== ""; ) {
      d = posix.dirname(d);
      const answer = this.folder(d);
      if (answer) return answer;
    }
    return undefined;
  }

  /** The last `.gitattributes` line that matches `path` and names the line endings (git reads the top folder's file first, `.git/info/attributes` last). */
  private fromAttributes(path: string): LineEnding | undefined {
    const abs = join(this.root, path);
    let answer: LineEnding | "unset" | undefined;
    for (const dir of this.attributeDirs(dirname(abs))) {
      const rel = relative(dir.base, abs).split(sep).join("/");
      if (!rel || rel.startsWith("../")) continue;
      for (const line of this.attributeLines(dir.file)) if (line.match(rel)) answer = attributeEnding(line.attrs) ?? answer;
    }
    return answer === "unset" ? undefined : answer;
  }

  /**
   * The attribute files that apply below `dirAbs`, in git's order: `.gitattributes` from the
   * repository's top (the nearest folder up with `.git`, else the project root) down to `dirAbs`,
   * then `.git/info/attributes`.
   */
  private attributeDirs(dirAbs: string): { base: string; file: string }[] {
    this.top ??= findTop(this.root) ?? this.root;
    const chain: string[] = [];
    for (let d = dirAbs; ; d = dirname(d)) {
      chain.unshift(d);
      if (d === this.top || dirname(d) === d) break;
    }
    const files = chain.map((d) => ({ base: d, file: join(d, ".gitattributes") }));
    files.push({ base: this.top, file: join(this.top, ".git", "info", "attributes") });
    return files;
  }

  private attributeLines(file: string): AttributeLine[] {
    let lines = this.attributeFiles.get(file);
    if (!lines) {
      lines = parseAttributes(file);
      this.attributeFiles.set(file, lines);
    }
    return lines;
  }
}

interface AttributeLine {
  match: (path: string) => boolean;
  attrs: string[];
}

/** The nearest folder from `dir` up that holds `.git` (the top of the repository). */
function findTop(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The lines of one attributes file; its patterns follow gitignore's rules (the `ignore` package). */
function parseAttributes(file: string): AttributeLine[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [pattern = "", ...attrs] = l.split(/\s+/);
      const matcher = ignore().add(pattern);
      return { match: (p: string) => matcher.ignores(p), attrs };
    });
}
