import { workspace, type ExtensionContext } from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** Starts `llmchart lsp --stdio` (or the configured command) for YAML files of the workspace. */
export async function activate(context: ExtensionContext): Promise<void> {
  const config = workspace.getConfiguration("llmchart");
  const [command = "llmchart", ...args] = config.get<string[]>("server.command") ?? ["llmchart", "lsp", "--stdio"];
  const docsBaseUrl = config.get<string>("docsBaseUrl");
  // No `transport`: the client then talks over the process's stdio without appending `--stdio`
  // itself, which the configured command already carries.
  const server: ServerOptions = { command, args, options: { shell: process.platform === "win32" } };
  const options: LanguageClientOptions = {
    // The server decides which YAML files are llmchart's (values files and llmchart.config.yaml).
    documentSelector: [{ scheme: "file", language: "yaml" }],
    synchronize: {
      // The project is reloaded when the config or the chart's values.yaml change on disk.
      fileEvents: workspace.createFileSystemWatcher("**/{llmchart.config.yaml,values.yaml}"),
    },
    ...(docsBaseUrl ? { initializationOptions: { docsBaseUrl } } : {}),
  };
  client = new LanguageClient("llmchart", "llmchart", server, options);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
