import { UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import type { Io } from "../io.js";

export const lspHelp = `Usage: llmchart lsp --stdio

Runs the llmchart language server on stdin/stdout for editors: diagnostics for values files and
llmchart.config.yaml as you type (the same pipeline as \`llmchart lint\`), quick fixes, hovers on
llama-server flags and quantities, completion of flags and values keys. Setup for VS Code,
Neovim and Helix: docs/editors.md.
`;

/** Starts the server; it owns the process from then on and exits when the editor says so. */
export async function lsp(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    allowPositionals: false,
    options: { stdio: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(lspHelp);
    return 0;
  }
  if (!values.stdio) throw new UsageError("the language server talks over stdio: run `llmchart lsp --stdio` from your editor");
  const { coreBackend, startStdioServer } = await import("@llmchart/lsp");
  startStdioServer(coreBackend);
  // The connection ends the process (exit 0 after shutdown + exit); until then this never resolves.
  return new Promise<number>(() => undefined);
}
