import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach } from "vitest";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const serverBin = join(packageDir, "bin", "llmchart-lsp.js");
export const cliBin = join(packageDir, "..", "cli", "bin", "llmchart.js");

/** CLEAN's phi-2 file in the lock `llmchart models pin` writes (its sha256 as CLEAN states it). */
export const PINNED_LOCK = `version: 1
models:
  - repoId: TheBloke/phi-2-GGUF
    filename: phi-2.Q4_K_M.gguf
    sha256: "${"0".repeat(64)}"
    sizeBytes: 1789239136
    source: https://huggingface.co/TheBloke/phi-2-GGUF/resolve/main/phi-2.Q4_K_M.gguf
    readAt: "2025-01-01T00:00:00.000Z"
    facts: { architecture: phi2, fileType: Q4_K_M, contextLength: 2048, embeddingLength: 2560, blockCount: 32, feedForwardLength: 10240, headCount: 32, headCountKv: 32, vocabSize: 51200 }
`;

/** A temporary project folder with the given files (paths relative to it). */
export function makeProject(files: Record<string, string>): { root: string; uri: (path: string) => string; write: (path: string, text: string) => void; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "llmchart-lsp-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // Every llmchart command needs a config; a project without one gets the built-in defaults. CLEAN's
  // model is pinned (as `llmchart models pin` writes it), so no unpinned-model info shows up in every buffer.
  const all = {
    ...("llmchart.config.yaml" in files ? {} : { "llmchart.config.yaml": "# the built-in defaults\n" }),
    ...("llmchart.lock.yaml" in files ? {} : { "llmchart.lock.yaml": PINNED_LOCK }),
    ...files,
  };
  for (const [p, t] of Object.entries(all)) write(p, t);
  const cleanup = () => {
    rmSync(root, { recursive: true, force: true });
  };
  return { root, uri: (p) => pathToFileURL(join(root, p)).href, write, cleanup };
}

/** A real LSP client talking to the server process over stdio. */
export class Client {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly exited: Promise<number | null>;
  private readonly received = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; test: (d: PublishDiagnosticsParams) => boolean; resolve: (d: PublishDiagnosticsParams) => void }[] = [];
  stderr = "";

  constructor(cwd: string, args: string[] = []) {
    // The server as editors start it: `llmchart lsp --stdio` from the built CLI.
    this.child = spawn(process.execPath, [cliBin, "lsp", "--stdio", ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code) => {
        resolve(code);
      });
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (d) => {
      const list = this.received.get(d.uri) ?? [];
      list.push(d);
      this.received.set(d.uri, list);
      for (const w of [...this.waiters]) {
        if (w.uri === d.uri && w.test(d)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(d);
        }
      }
    });
    this.connection.listen();
  }

  async initialize(rootUri: string, capabilities: ClientCapabilities = {}, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      // Required by the protocol type even though deprecated; servers still read it from older clients.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "project" }],
      capabilities,
      ...(initializationOptions ? { initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** The diagnostics published for `uri` at document version `version` (waits for them). */
  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(uri, (d) => d.version === version);
  }

  waitFor(uri: string, test: (d: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const seen = this.received.get(uri)?.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  /** Notifications received so far for `uri`. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.received.get(uri) ?? [];
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "yaml", version, text } });
  }

  async replace(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** The values file most tests start from: clean under the built-in config and no chart. */
export const CLEAN = `# yaml-language-server: $schema=../../../../schemas/values.schema.json
replicaCount: 1
resources:
  requests:
    cpu: "6"
    memory: "12Gi"
  limits:
    cpu: "6"
    memory: "12Gi"
model:
  enabled: true
  repoId: "TheBloke/phi-2-GGUF"
  filename: "phi-2.Q4_K_M.gguf"
  sha256: "0000000000000000000000000000000000000000000000000000000000000000"
extraArgs:
  - "-m"
  - "/models/phi-2.Q4_K_M.gguf"
  - "-c"
  - "2048"
  - "-t"
  - "6"
  - "--port"
  - "8080"
  - "--host"
  - "0.0.0.0"
  - "--cache-ram"
  - "0"
`;

/** `CLEAN` with one piece of text replaced (throws when `from` is not in it, so a fixture cannot silently stay clean). */
export function edited(from: string, to: string, base = CLEAN): string {
  if (!base.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return base.replace(from, to);
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Runs `fn` when the current test ends (the last registered first). */
export function afterThisTest(fn: () => void): void {
  cleanups.push(fn);
}

/** A temporary project holding `files`, with a client started and initialized on it; both are removed when the test ends. */
export async function startClient(files: Record<string, string> = {}, init?: unknown) {
  const project = makeProject(files);
  const client = new Client(project.root);
  afterThisTest(() => {
    client.kill();
    project.cleanup();
  });
  const result = await client.initialize(pathToFileURL(project.root).href, {}, init);
  return { project, client, result };
}
