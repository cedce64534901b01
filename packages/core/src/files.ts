import { parseSource, type SourceFile } from "@llmchart/schema";
import { InputError } from "./errors.js";
import { describeFsError, MAX_VALUES_BYTES, readSourceText } from "./source-text.js";

export { describeFsError, displayPath, MAX_VALUES_BYTES, readSourceText } from "./source-text.js";

/**
 * Reads and parses one values file. Throws InputError (never a raw fs error) for anything
 * that is not a readable YAML text file of sensible size.
 */
export function readSourceFile(cwd: string, path: string, maxBytes = MAX_VALUES_BYTES): SourceFile {
  return parseSourceText(readSourceText(cwd, path, maxBytes));
}

/** Parses what readSourceText read, exactly as readSourceFile does (for callers that read first and parse only on a cache miss). */
export function parseSourceText({ path, text }: { path: string; text: string }): SourceFile {
  try {
    return parseSource(path, text);
  } catch (err) {
    throw new InputError(path, describeFsError(err));
  }
}

/**
 * Reads and parses llmchart's own config file: like readSourceFile, but with YAML 1.2 scalars
 * (only llmchart reads it, and `off` there is a rule setting, not the YAML 1.1 boolean false).
 */
export function readConfigSource(cwd: string, path: string): SourceFile {
  return parseConfigText(readSourceText(cwd, path));
}

/** Parses the config as readConfigSource does, from text already read. */
export function parseConfigText({ path, text }: { path: string; text: string }): SourceFile {
  return parseSource(path, text, { yaml: "1.2" });
}

/**
 * The config as readConfigSource returns it, from text already read, parsed only when something
 * asks for its YAML tree (a problem's position): a project loaded from the cache needs no parse.
 */
export function lazyConfigSource(path: string, text: string): SourceFile {
  let parsed: SourceFile | undefined;
  const source = () => (parsed ??= parseConfigText({ path, text }));
  return {
    path,
    text,
    get doc() {
      return source().doc;
    },
    get lineCounter() {
      return source().lineCounter;
    },
  };
}

