export { run, commands, type Command } from "./run.js";
export type { Io } from "./io.js";
export { UsageError, InputError, InputErrors } from "./errors.js";
export { lintSources, type LintStage, type LintInput, type LintContext, type LintResult } from "./lint/pipeline.js";
export { loadFormatter, FORMAT_NAMES, type Formatter, type FormatContext } from "./formatters/index.js";
export { readSourceFile, readSourceFiles, defaultValuesFiles, displayPath, VALUES_DIR } from "./files.js";
