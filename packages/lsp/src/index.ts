export { createServer, startStdioServer, type ServerOptions } from "./server.js";
export type { LintBackend, LintDocument, LintOutput, LoadError, ProjectContext } from "./backend.js";
export { coreBackend } from "./core-backend.js";
export { toDiagnostic, type DiagnosticOptions } from "./diagnostics.js";
