export { createServer, startStdioServer, type ServerOptions } from "./server.js";
export type { LintBackend, LintDocument, LintOutput, ProjectContext } from "./backend.js";
export { pipelineBackend, ProjectError, type PipelineProject } from "./cli-pipeline.js";
export { toDiagnostic, type DiagnosticOptions } from "./diagnostics.js";
