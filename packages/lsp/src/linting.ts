import type { Problem, RuleMeta } from "@llmchart/schema";
import type { Connection, Diagnostic, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { LintBackend } from "./backend.js";
import { toDiagnostic, type DiagnosticOptions } from "./diagnostics.js";
import { firstLine, loadErrorDiagnostics, notLinted } from "./load-errors.js";
import { isLinted, type Loaded, type Located, type Projects } from "./projects.js";
import { carryOver, doesNotParse } from "./stale.js";

/** As `llmchart lint`: a values file larger than this is refused rather than parsed. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** The last lint of an open document, for code actions. */
export interface LintState {
  version: number;
  problems: Problem[];
}

/** What one lint of a buffer found: its problems, the stale ones kept from its last parsed lint, and diagnostics of its own (not linted). */
interface LintResult {
  problems: Problem[];
  stale: Problem[];
  extra: Diagnostic[];
}

const NOTHING: LintResult = { problems: [], stale: [], extra: [] };

/**
 * Lints open documents and publishes their diagnostics: at once on open, after a pause while
 * typing, and again when their project reloads. Keeps each document's last lint (for code
 * actions) and, while a buffer does not parse, the last lint that did.
 */
export class Linter<P> {
  private readonly states = new Map<string, LintState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  // The last lint of each open file whose buffer parsed: shown, stale, while a half-typed line breaks it.
  private readonly lastParsed = new Map<string, { text: string; problems: Problem[] }>();
  private rules = new Map<string, RuleMeta>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly projects: Projects<P>,
    private readonly backend: LintBackend<P>,
  ) {}

  diagnosticOptions(root: string): DiagnosticOptions {
    return { rules: this.rules, docsBaseUrl: this.projects.docsBase(root) };
  }

  /** Whether a lint of `uri` is waiting and none has published yet (the open's, before its own content change). */
  isPending(uri: string): boolean {
    return this.timers.has(uri) && !this.states.has(uri);
  }

  schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintNow(uri);
      }, delay),
    );
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.states.delete(uri);
    this.lastParsed.delete(uri);
  }

  /** The last lint of exactly the current buffer, linting now when it is missing or stale. */
  async currentState(uri: string): Promise<LintState | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    let state = this.states.get(uri);
    if (state?.version !== doc.version) {
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      await this.lintNow(uri);
      state = this.states.get(uri);
    }
    return state?.version === doc.version ? state : undefined;
  }

  private async lintNow(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    const loc = this.projects.locate(uri);
    if (!doc || !loc) return;
    const version = doc.version;
    let loaded: Loaded<P>;
    try {
      loaded = await this.projects.load(loc.root);
    } catch (err) {
      if (this.documents.get(uri)?.version === version) {
        this.states.set(uri, { version, problems: [] });
        await this.connection.sendDiagnostics({ uri, version, diagnostics: loadErrorDiagnostics(err, loc.path) });
      }
      return;
    }
    // Not llmchart's file: no diagnostics.
    const { problems, stale, extra } = isLinted(loc, loaded.context) ? await this.lintText(uri, loc, loaded, doc.getText()) : NOTHING;
    // A newer version is already scheduled; its lint publishes.
    if (this.documents.get(uri)?.version !== version) return;
    this.states.set(uri, { version, problems });
    const dopts = this.diagnosticOptions(loc.root);
    await this.connection.sendDiagnostics({ uri, version, diagnostics: [...extra, ...problems.map((p) => toDiagnostic(p, dopts)), ...stale.map((p) => toDiagnostic(p, dopts, true))] });
  }

  private async lintText(uri: string, loc: Located, loaded: Loaded<P>, text: string): Promise<LintResult> {
    if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) {
      return { ...NOTHING, extra: [notLinted(`not linted: the file is larger than the ${MAX_DOCUMENT_BYTES}-byte limit for a values file`)] };
    }
    try {
      const out = await this.backend.lint(loaded.project, [{ path: loc.path, text }]);
      const problems = out.problems.filter((p) => p.file === loc.path);
      if (out.rules.length !== this.rules.size) this.rules = new Map(out.rules.map((r) => [r.id, r]));
      return { problems, stale: this.staleProblems(uri, text, problems), extra: [] };
    } catch (err) {
      this.connection.console.error(`llmchart: linting ${loc.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { ...NOTHING, extra: [notLinted(`not linted: ${firstLine(err)}`)] };
    }
  }

  /**
   * While a buffer does not parse, the problems of its last lint that did, on the lines since left
   * alone (code actions use only the current problems: a stale fix's offsets are the old text's).
   */
  private staleProblems(uri: string, text: string, problems: Problem[]): Problem[] {
    if (!doesNotParse(problems)) {
      this.lastParsed.set(uri, { text, problems });
      return [];
    }
    const last = this.lastParsed.get(uri);
    return last ? carryOver(last.text, text, last.problems) : [];
  }
}
