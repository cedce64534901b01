#!/usr/bin/env node
// The language server on stdio, with the CLI's lint pipeline. `llmchart lsp --stdio` does the same.
import { coreBackend, startStdioServer } from "../dist/index.js";

startStdioServer(coreBackend);
