import { CONFIG_FILE, parseSource, type ParseSourceOptions, type SourceFile } from "@llmchart/schema";
import type { CompletionItem, Connection, Hover, Position, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions } from "./code-actions.js";
import { completeAt } from "./completion.js";
import { configCompleteAt, configHoverAt } from "./config-features.js";
import { hoverAt } from "./hover.js";
import { MAX_DOCUMENT_BYTES, type Linter } from "./linting.js";
import { isLinted, type Loaded, type Located, type Projects } from "./projects.js";

/** Each open document parsed once per version, for hovers. */
class ParsedDocuments {
  private readonly parsed = new Map<string, { version: number; source: SourceFile }>();

  source(doc: TextDocument, loc: Located, parseOptions: ParseSourceOptions = {}): SourceFile | undefined {
    const hit = this.parsed.get(doc.uri);
    if (hit?.version === doc.version) return hit.source;
    if (doc.getText().length > MAX_DOCUMENT_BYTES) return undefined;
    try {
      const s = parseSource(loc.path, doc.getText(), parseOptions);
      this.parsed.set(doc.uri, { version: doc.version, source: s });
      return s;
    } catch {
      return undefined;
    }
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}

function hoverOf(doc: TextDocument, hover: { markdown: string; range: [number, number] } | undefined): Hover | null {
  return hover ? { contents: { kind: "markdown", value: hover.markdown }, range: { start: doc.positionAt(hover.range[0]), end: doc.positionAt(hover.range[1]) } } : null;
}

/**
 * The requests a client makes of an open document: hover, completion and code actions. Values
 * files get them once their project has loaded; `llmchart.config.yaml` even when it does not (it
 * may be the reason).
 */
export class Requests<P> {
  private readonly parsed = new ParsedDocuments();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly projects: Projects<P>,
    private readonly linter: Linter<P>,
  ) {}

  register(connection: Connection): void {
    connection.onCodeAction(async (params) => {
      const uri = params.textDocument.uri;
      const doc = this.documents.get(uri);
      const loc = this.projects.locate(uri);
      if (!doc || !loc) return [];
      const state = await this.linter.currentState(uri);
      if (!state) return [];
      return codeActions(doc, state.problems, params.range, this.linter.diagnosticOptions(loc.root));
    });
    connection.onHover((params) => this.hover(params.textDocument.uri, params.position));
    connection.onCompletion((params) => this.complete(params.textDocument.uri, params.position));
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.parsed.forget(uri);
  }

  /** The loaded project of a values file llmchart lints; undefined for any other file, or when the project does not load. */
  private async lintedProject(loc: Located): Promise<Loaded<P> | undefined> {
    let loaded: Loaded<P>;
    try {
      loaded = await this.projects.load(loc.root);
    } catch {
      return undefined;
    }
    return isLinted(loc, loaded.context) ? loaded : undefined;
  }

  private async hover(uri: string, position: Position): Promise<Hover | null> {
    const doc = this.documents.get(uri);
    const loc = this.projects.locate(uri);
    if (!doc || !loc) return null;
    if (loc.path === CONFIG_FILE) {
      const s = this.parsed.source(doc, loc, { yaml: "1.2" });
      return hoverOf(doc, s && configHoverAt(s, doc.offsetAt(position), await this.projects.loadedDocsBase(loc.root)));
    }
    const loaded = await this.lintedProject(loc);
    if (!loaded) return null;
    const s = this.parsed.source(doc, loc);
    if (!s) return null;
    return hoverOf(doc, hoverAt(s, doc.offsetAt(position), loaded.context));
  }

  private async complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const doc = this.documents.get(uri);
    const loc = this.projects.locate(uri);
    if (!doc || !loc) return [];
    if (loc.path === CONFIG_FILE) return configCompleteAt(doc.getText(), position, await this.projects.loadedDocsBase(loc.root));
    const loaded = await this.lintedProject(loc);
    if (!loaded) return [];
    return completeAt(doc.getText(), position, loaded.context);
  }
}
