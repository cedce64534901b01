import { CONFIG_FILE, LOCK_FILE, parseSource, type ParseSourceOptions, type Problem, type RuleMeta, type SourceFile } from "@llmchart/schema";
import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from "vscode-languageserver";
import { createConnection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { LintBackend, ProjectContext } from "./backend.js";
import { codeActions } from "./code-actions.js";
import { completeAt } from "./completion.js";
import { configCompleteAt, configHoverAt } from "./config-features.js";
import { toDiagnostic, type DiagnosticOptions } from "./diagnostics.js";
import { hoverAt } from "./hover.js";
import { carryOver, doesNotParse } from "./stale.js";

export interface ServerOptions<P = unknown> extends LintBackend<P> {
  /**
   * Base URL of the rule pages (`…/docs/rules/`); a rule's page is `<base><rule-id>.md`. Default:
   * the client's `initializationOptions.docsBaseUrl`, else the project's (ProjectContext.docsBaseUrl:
   * its config's docs.baseUrl, or the pages of the installed llmchart release) — never a path on
   * this machine.
   */
  docsBaseUrl?: string;
  /** Delay after the last keystroke before a changed buffer is linted (default 100 ms). */
  debounceMs?: number;
}

interface Loaded<P> {
  project: P;
  context: ProjectContext;
}

/** The last lint of an open document, for code actions. */
interface LintState {
  version: number;
  problems: Problem[];
}

interface Located {
  root: string;
  /** Relative to `root`, with `/`. */
  path: string;
}

/** As `llmchart lint`: a values file larger than this is refused rather than parsed. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** The first line of what was thrown, for one diagnostic. */
function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
}

function notLinted(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: "not-linted", source: "llmchart", message };
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** `errors: { file: "path:line:col", message }[]` (the CLI's InputErrors) → diagnostics for `path`; anything else → one at the top. */
function loadErrorDiagnostics(err: unknown, path: string): Diagnostic[] {
  const list = (err as { errors?: { file?: unknown; message?: unknown }[] } | null | undefined)?.errors;
  const at = (line: number, col: number, message: string): Diagnostic => ({
    range: { start: { line: line - 1, character: col - 1 }, end: { line: line - 1, character: col - 1 } },
    severity: 1,
    code: "config",
    source: "llmchart",
    message,
  });
  const out: Diagnostic[] = [];
  if (Array.isArray(list)) {
    for (const e of list) {
      const m = /^(.*):(\d+):(\d+)$/.exec(String(e.file ?? ""));
      const text = String(e.message ?? "").replace(`${String(e.file)}: `, "");
      if (m && m[1] === path) out.push(at(Number(m[2]), Number(m[3]), text));
      else out.push(at(1, 1, `project not loaded: ${String(e.file ?? "")}: ${text}`));
    }
  }
  if (!out.length) out.push(at(1, 1, `project not loaded: ${firstLine(err)}`));
  return out;
}

/**
 * Registers llmchart's language features on `connection` (call `connection.listen()` after).
 * Values files (`<layout.root>/<layout.valuesDir>/*.yaml`) and `llmchart.config.yaml` get
 * diagnostics from `options.lint`, run on the editor's buffer; a project (config + chart
 * defaults) is loaded once per root folder — the nearest folder up with an
 * `llmchart.config.yaml`, else the workspace folder — and reloaded when either file changes.
 */
export function createServer<P>(connection: Connection, options: ServerOptions<P>): { documents: TextDocuments<TextDocument> } {
  const documents = new TextDocuments(TextDocument);
  const debounceMs = options.debounceMs ?? 100;
  const projects = new Map<string, Promise<Loaded<P>>>();
  const states = new Map<string, LintState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const parsed = new Map<string, { version: number; source: SourceFile }>();
  // The last lint of each open file whose buffer parsed: shown, stale, while a half-typed line breaks it.
  const lastParsed = new Map<string, { text: string; problems: Problem[] }>();
  let workspaceRoots: string[] = [];
  let docsBaseUrl = options.docsBaseUrl ? withSlash(options.docsBaseUrl) : undefined;
  let rules = new Map<string, RuleMeta>();
  let watchDynamically = false;
  // The rule-page base of each loaded project (its ProjectContext), by root folder.
  const projectDocs = new Map<string, string | undefined>();

  // Where each open file's project is; forgotten when a config file appears or changes.
  const located = new Map<string, Located>();

  function locate(uri: string): Located | undefined {
    const hit = located.get(uri);
    if (hit) return hit;
    const found = findRoot(uri);
    if (found) located.set(uri, found);
    return found;
  }

  function findRoot(uri: string): Located | undefined {
    if (!uri.startsWith("file:")) return undefined;
    const file = fileURLToPath(uri);
    let root: string | undefined;
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      if (existsSync(join(dir, CONFIG_FILE))) {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    root ??= workspaceRoots.find((r) => !relative(r, file).startsWith("..")) ?? dirname(file);
    return { root, path: relative(root, file).split(sep).join("/") };
  }

  function project(root: string): Promise<Loaded<P>> {
    let p = projects.get(root);
    if (!p) {
      p = (async () => {
        const project = await options.loadProject({ cwd: root });
        const context = options.context(project);
        projectDocs.set(root, context.docsBaseUrl ? withSlash(context.docsBaseUrl) : undefined);
        return { project, context };
      })();
      projects.set(root, p);
    }
    return p;
  }

  function isLinted(loc: Located, ctx: ProjectContext): boolean {
    if (loc.path === CONFIG_FILE) return true;
    const dir = `${[ctx.config.layout.root, ctx.config.layout.valuesDir].filter(Boolean).join("/")}/`.replace(/^\.\//, "");
    return loc.path.startsWith(dir) && /\.ya?ml$/i.test(loc.path);
  }

  function docsBase(root: string): string | undefined {
    return docsBaseUrl ?? projectDocs.get(root) ?? options.defaultDocsBaseUrl;
  }

  /** docsBase once the project at `root` has loaded (or failed to: a config being edited may not load). */
  async function loadedDocsBase(root: string): Promise<string | undefined> {
    if (!docsBaseUrl) await project(root).catch(() => undefined);
    return docsBase(root);
  }

  function diagnosticOptions(root: string): DiagnosticOptions {
    return { rules, docsBaseUrl: docsBase(root) };
  }

  async function lintNow(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const loc = locate(uri);
    if (!doc || !loc) return;
    const version = doc.version;
    let loaded: Loaded<P>;
    try {
      loaded = await project(loc.root);
    } catch (err) {
      if (documents.get(uri)?.version === version) {
        states.set(uri, { version, problems: [] });
        await connection.sendDiagnostics({ uri, version, diagnostics: loadErrorDiagnostics(err, loc.path) });
      }
      return;
    }
    let problems: Problem[] = [];
    let stale: Problem[] = [];
    let extra: Diagnostic[] = [];
    const text = doc.getText();
    if (!isLinted(loc, loaded.context)) {
      // not llmchart's file: no diagnostics
    } else if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) {
      extra = [notLinted(`not linted: the file is larger than the ${MAX_DOCUMENT_BYTES}-byte limit for a values file`)];
    } else {
      try {
        const out = await options.lint(loaded.project, [{ path: loc.path, text }]);
        problems = out.problems.filter((p) => p.file === loc.path);
        if (out.rules.length !== rules.size) rules = new Map(out.rules.map((r) => [r.id, r]));
        stale = staleProblems(uri, text, problems);
      } catch (err) {
        connection.console.error(`llmchart: linting ${loc.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        extra = [notLinted(`not linted: ${firstLine(err)}`)];
      }
    }
    // A newer version is already scheduled; its lint publishes.
    if (documents.get(uri)?.version !== version) return;
    states.set(uri, { version, problems });
    const dopts = diagnosticOptions(loc.root);
    await connection.sendDiagnostics({ uri, version, diagnostics: [...extra, ...problems.map((p) => toDiagnostic(p, dopts)), ...stale.map((p) => toDiagnostic(p, dopts, true))] });
  }

  /**
   * While a buffer does not parse, the problems of its last lint that did, on the lines since left
   * alone (code actions use only the current problems: a stale fix's offsets are the old text's).
   */
  function staleProblems(uri: string, text: string, problems: Problem[]): Problem[] {
    if (!doesNotParse(problems)) {
      lastParsed.set(uri, { text, problems });
      return [];
    }
    const last = lastParsed.get(uri);
    return last ? carryOver(last.text, text, last.problems) : [];
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void lintNow(uri);
      }, delay),
    );
  }

  /** The last lint of exactly the current buffer, linting now when it is missing or stale. */
  async function currentState(uri: string): Promise<LintState | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    let state = states.get(uri);
    if (state?.version !== doc.version) {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      await lintNow(uri);
      state = states.get(uri);
    }
    return state?.version === doc.version ? state : undefined;
  }

  function source(uri: string, loc: Located, parseOptions: ParseSourceOptions = {}): SourceFile | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const hit = parsed.get(uri);
    if (hit?.version === doc.version) return hit.source;
    if (doc.getText().length > MAX_DOCUMENT_BYTES) return undefined;
    try {
      const s = parseSource(loc.path, doc.getText(), parseOptions);
      parsed.set(uri, { version: doc.version, source: s });
      return s;
    } catch {
      return undefined;
    }
  }

  function reloadProjects(changedFiles: string[]): void {
    if (changedFiles.some((f) => basename(f) === CONFIG_FILE)) {
      // A new config can move files to another project: find every open file's root again.
      const before = new Map(located);
      located.clear();
      for (const [uri, loc] of before) if (locate(uri)?.root !== loc.root) schedule(uri, 0);
    }
    const roots = new Set<string>();
    for (const file of changedFiles) {
      for (const root of projects.keys()) if (!relative(root, file).startsWith("..") && !isAbsolute(relative(root, file))) roots.add(root);
    }
    for (const root of roots) projects.delete(root);
    if (!roots.size) return;
    for (const doc of documents.all()) {
      const loc = locate(doc.uri);
      if (loc && roots.has(loc.root)) schedule(doc.uri, 0);
    }
  }

  function isProjectFile(file: string): boolean {
    // The lock file (llmchart models pin) sizes every model's memory.
    return basename(file) === CONFIG_FILE || basename(file) === LOCK_FILE || basename(file) === "values.yaml";
  }

  connection.onInitialize((params): InitializeResult => {
    // Neovim 0.7 and other older clients send only rootUri, deprecated in favour of workspaceFolders.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
    const init = params.initializationOptions as { docsBaseUrl?: unknown } | undefined;
    if (!docsBaseUrl && typeof init?.docsBaseUrl === "string" && init.docsBaseUrl) docsBaseUrl = withSlash(init.docsBaseUrl);
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["-", '"', "'", "=", " "] },
      },
      serverInfo: { name: "llmchart" },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${LOCK_FILE}` }, { globPattern: "**/values.yaml" }],
      });
    }
  });

  documents.onDidOpen((e) => { schedule(e.document.uri, 0); });
  documents.onDidChangeContent((e) => {
    // didOpen also fires a content change; the open is linted at once.
    if (!timers.has(e.document.uri) || states.has(e.document.uri)) schedule(e.document.uri, debounceMs);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    states.delete(e.document.uri);
    parsed.delete(e.document.uri);
    lastParsed.delete(e.document.uri);
    located.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // Clients without file watching (Neovim 0.7) still reload the project when one of its files is saved in the editor.
  documents.onDidSave((e) => {
    if (!e.document.uri.startsWith("file:")) return;
    const file = fileURLToPath(e.document.uri);
    if (isProjectFile(file)) reloadProjects([file]);
  });
  connection.onDidChangeWatchedFiles((params) => {
    const files = params.changes.filter((c) => c.uri.startsWith("file:")).map((c) => fileURLToPath(c.uri)).filter(isProjectFile);
    reloadProjects(files);
  });

  connection.onCodeAction(async (params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    const loc = locate(uri);
    if (!doc || !loc) return [];
    const state = await currentState(uri);
    if (!state) return [];
    return codeActions(doc, state.problems, params.range, diagnosticOptions(loc.root));
  });

  connection.onHover(async (params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    const loc = locate(uri);
    if (!doc || !loc) return null;
    if (loc.path === CONFIG_FILE) {
      const s = source(uri, loc, { yaml: "1.2" });
      const hover = s && configHoverAt(s, doc.offsetAt(params.position), await loadedDocsBase(loc.root));
      return hover ? { contents: { kind: "markdown", value: hover.markdown }, range: { start: doc.positionAt(hover.range[0]), end: doc.positionAt(hover.range[1]) } } : null;
    }
    let loaded: Loaded<P>;
    try {
      loaded = await project(loc.root);
    } catch {
      return null;
    }
    if (!isLinted(loc, loaded.context)) return null;
    const s = source(uri, loc);
    if (!s) return null;
    const hover = hoverAt(s, doc.offsetAt(params.position), loaded.context);
    if (!hover) return null;
    return {
      contents: { kind: "markdown", value: hover.markdown },
      range: { start: doc.positionAt(hover.range[0]), end: doc.positionAt(hover.range[1]) },
    };
  });

  connection.onCompletion(async (params) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    const loc = locate(uri);
    if (!doc || !loc) return [];
    if (loc.path === CONFIG_FILE) return configCompleteAt(doc.getText(), params.position, await loadedDocsBase(loc.root));
    let loaded: Loaded<P>;
    try {
      loaded = await project(loc.root);
    } catch {
      return [];
    }
    if (!isLinted(loc, loaded.context)) return [];
    return completeAt(doc.getText(), params.position, loaded.context);
  });

  documents.listen(connection);
  return { documents };
}

/**
 * Serves LSP over this process's stdin/stdout. vscode-languageserver ends the process itself:
 * on the `exit` notification (code 0 after `shutdown`, else 1), when stdin closes, or when the
 * client process named in `initialize` dies. A caller that must return an exit code (the CLI's
 * `run`) awaits a promise that never settles after this call.
 */
export function startStdioServer<P>(options: ServerOptions<P>): Connection {
  // Raw streams, not message readers: only then does the library exit when stdin closes.
  const connection = createConnection(process.stdin, process.stdout);
  // stdout carries the protocol: anything printed there would corrupt it.
  console.log = (...args: unknown[]) => { connection.console.log(args.map(String).join(" ")); };
  console.info = console.log;
  console.warn = (...args: unknown[]) => { connection.console.warn(args.map(String).join(" ")); };
  createServer(connection, options);
  connection.listen();
  return connection;
}
