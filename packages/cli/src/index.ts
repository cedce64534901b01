export { run, commands, type Command } from "./run.js";
export type { Io } from "./io.js";
export { loadFormatter, FORMAT_NAMES, type Formatter, type FormatContext } from "./formatters/index.js";
