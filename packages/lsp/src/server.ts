import { CONFIG_FILE, LOCK_FILE } from "@llmchart/schema";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { createConnection } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { LintBackend } from "./backend.js";
import { Linter } from "./linting.js";
import { isProjectFile, Projects, withSlash } from "./projects.js";
import { Requests } from "./requests.js";

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

/** The server's capabilities; remembers the workspace folders and the client's docs base, and whether it watches files for the server. */
function initialize<P>(params: InitializeParams, projects: Projects<P>): { result: InitializeResult; watchDynamically: boolean } {
  // Neovim 0.7 and other older clients send only rootUri, deprecated in favour of workspaceFolders.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  projects.workspaceRoots = folders.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
  const init = params.initializationOptions as { docsBaseUrl?: unknown } | undefined;
  if (!projects.docsBaseUrl && typeof init?.docsBaseUrl === "string" && init.docsBaseUrl) projects.docsBaseUrl = withSlash(init.docsBaseUrl);
  return {
    watchDynamically: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    result: {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["-", '"', "'", "=", " "] },
      },
      serverInfo: { name: "llmchart" },
    },
  };
}

/** Loads the projects that hold `changedFiles` again and re-lints their open files (and those a new config moves to another project). */
function reloadProjects<P>(changedFiles: string[], projects: Projects<P>, linter: Linter<P>, documents: TextDocuments<TextDocument>): void {
  if (changedFiles.some((f) => basename(f) === CONFIG_FILE)) {
    // A new config can move files to another project: find every open file's root again.
    for (const uri of projects.relocate()) linter.schedule(uri, 0);
  }
  const roots = projects.unload(changedFiles);
  if (!roots.size) return;
  for (const doc of documents.all()) {
    const loc = projects.locate(doc.uri);
    if (loc && roots.has(loc.root)) linter.schedule(doc.uri, 0);
  }
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
  const projects = new Projects(options, options.docsBaseUrl);
  const linter = new Linter(connection, documents, projects, options);
  const requests = new Requests(documents, projects, linter);
  const reload = (files: string[]) => { reloadProjects(files, projects, linter, documents); };
  let watchDynamically = false;

  connection.onInitialize((params): InitializeResult => {
    const init = initialize(params, projects);
    watchDynamically = init.watchDynamically;
    return init.result;
  });
  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: `**/${LOCK_FILE}` }, { globPattern: "**/values.yaml" }],
      });
    }
  });

  documents.onDidOpen((e) => { linter.schedule(e.document.uri, 0); });
  documents.onDidChangeContent((e) => {
    // didOpen also fires a content change; the open is linted at once.
    if (!linter.isPending(e.document.uri)) linter.schedule(e.document.uri, debounceMs);
  });
  documents.onDidClose((e) => {
    linter.forget(e.document.uri);
    requests.forget(e.document.uri);
    projects.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // Clients without file watching (Neovim 0.7) still reload the project when one of its files is saved in the editor.
  documents.onDidSave((e) => {
    if (!e.document.uri.startsWith("file:")) return;
    const file = fileURLToPath(e.document.uri);
    if (isProjectFile(file)) reload([file]);
  });
  connection.onDidChangeWatchedFiles((params) => {
    reload(params.changes.filter((c) => c.uri.startsWith("file:")).map((c) => fileURLToPath(c.uri)).filter(isProjectFile));
  });
  requests.register(connection);

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
