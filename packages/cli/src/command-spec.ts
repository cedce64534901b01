import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "@llmchart/core/errors";
import { usageMessage } from "./args.js";

/** One option: what node:util parseArgs needs, plus what the help says about it. */
export interface OptionSpec {
  type: "boolean" | "string";
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the help (`<file>`); string options only. */
  value?: string;
  /** What it does, one sentence or two; wrapped to the help's width. */
  description: string;
}

/** An example command line (after `llmchart `) and what it does. */
export interface ExampleSpec {
  command: string;
  does: string;
}

/**
 * One command's definition: what parses its arguments and what its `--help` says, so the two
 * cannot drift apart (a test compares the help, the parser and the examples).
 */
export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  /** One line for `llmchart --help`. */
  summary: string;
  /** Usage lines, each after `llmchart `. */
  usage: readonly string[];
  /** What the command does: paragraphs separated by a blank line (re-wrapped in the help). */
  description: string;
  options: O;
  allowPositionals: boolean;
  /** Anything the help says after the options (environment, caches): paragraphs, re-wrapped. */
  notes?: string;
  examples: readonly ExampleSpec[];
  exitCodes: Readonly<Partial<Record<0 | 1 | 2, string>>>;
}

const HELP_OPTION = { type: "boolean", short: "h", default: false, description: "show this help" } as const;

/** A command's definition with the `-h, --help` every command takes. */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O & { help: typeof HELP_OPTION }> {
  return { ...spec, options: { ...spec.options, help: HELP_OPTION } };
}

/** node:util parseArgs with the command's options; its errors (unknown option, missing value) become UsageError (exit 2). */
/** What parseArgs makes of a command's options. */
export type Parsed<O extends Record<string, OptionSpec>> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O & NonNullable<ParseArgsConfig["options"]> }>>;

export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, argv: string[]): Parsed<O> {
  try {
    return parseArgs({ args: argv, allowPositionals: spec.allowPositionals, strict: true, options: spec.options });
  } catch (err) {
    throw new UsageError(usageMessage((err as Error).message));
  }
}

const WIDTH = 100;

/** `text` word-wrapped to `width` columns, continuation lines indented by `indent` spaces. */
function wrap(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${" ".repeat(indent)}${l}`));
}

/** The left column of an option: `  -c, --config <file>`. */
function optionLabel(name: string, o: OptionSpec): string {
  const short = o.short ? `-${o.short}, ` : "    ";
  return `  ${short}--${name}${o.value ? ` ${o.value}` : ""}`;
}

/** Two columns: labels padded to one width, texts wrapped beside them. */
function columns(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([label, text]) => `${label.padEnd(width)}${wrap(text, WIDTH - width, width).join("\n")}`).join("\n");
}

/** Paragraphs (separated by a blank line) re-wrapped to the help's width. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => wrap(p, WIDTH, 0).join("\n"))
    .join("\n\n");
}

/** The `--help` of a command: usage, what it does, options, notes, examples, exit codes — always in that shape. */
export function helpText(spec: CommandSpec): string {
  const usage = spec.usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}llmchart ${u}`).join("\n");
  const options = columns(Object.entries(spec.options).map(([name, o]) => [optionLabel(name, o), o.description]));
  const examples = spec.examples.map((e) => `  llmchart ${e.command}\n${wrap(e.does, WIDTH - 6, 6).map((l, i) => (i === 0 ? `      ${l}` : l)).join("\n")}`).join("\n");
  const codes = columns(Object.entries(spec.exitCodes).map(([code, meaning]) => [`  ${code}`, meaning]));
  const parts = [usage, paragraphs(spec.description), `Options:\n${options}`, ...(spec.notes ? [paragraphs(spec.notes)] : []), `Examples:\n${examples}`, `Exit codes:\n${codes}`];
  return `${parts.join("\n\n")}\n`;
}
