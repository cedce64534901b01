import { UsageError } from "@llmchart/core";
import type { Io } from "../io.js";
import { helpText, parseCommand } from "../command-spec.js";
import { lspSpec } from "../specs.js";

/** Starts the server; it owns the process from then on and exits when the editor says so. */
export async function lsp(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommand(lspSpec, argv);
  if (values.help) {
    io.stdout(helpText(lspSpec));
    return 0;
  }
  if (!values.stdio) throw new UsageError("the language server talks over stdio: run `llmchart lsp --stdio` from your editor");
  const { coreBackend, startStdioServer } = await import("@llmchart/lsp");
  startStdioServer(coreBackend);
  // The connection ends the process (exit 0 after shutdown + exit); until then this never resolves.
  return new Promise<number>(() => undefined);
}
