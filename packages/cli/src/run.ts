// Only the light parts of the core load at start-up; a command loads the rest when it runs.
import { GitError, InputError, InputErrors, oneLine, UsageError } from "@llmchart/core/errors";
import { toolVersion } from "@llmchart/core/version";
import type { Io } from "./io.js";
import { specs } from "./specs.js";

/** A command: argv after the command name → exit code. Never exits the process. */
export type Command = (argv: string[], io: Io) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

/** Commands are imported only when called, so `llmchart lint` never loads the renderer; their summaries come from their definitions (specs.ts). */
export const commands: Record<string, CommandEntry> = {
  init: { summary: specs.init.summary, load: async () => (await import("./commands/init.js")).init },
  lint: { summary: specs.lint.summary, load: async () => (await import("./commands/lint.js")).lint },
  check: { summary: specs.check.summary, load: async () => (await import("./commands/check.js")).check },
  render: { summary: specs.render.summary, load: async () => (await import("./commands/render.js")).render },
  diff: { summary: specs.diff.summary, load: async () => (await import("./commands/diff.js")).diff },
  capacity: { summary: specs.capacity.summary, load: async () => (await import("./commands/capacity.js")).capacity },
  new: { summary: specs.new.summary, load: async () => (await import("./commands/new.js")).newModel },
  models: { summary: specs.models.summary, load: async () => (await import("./commands/models.js")).models },
  upgrade: { summary: specs.upgrade.summary, load: async () => (await import("./commands/upgrade.js")).upgrade },
  rotate: { summary: specs.rotate.summary, load: async () => (await import("./commands/rotate.js")).rotate },
  lsp: { summary: specs.lsp.summary, load: async () => (await import("./commands/lsp.js")).lsp },
  hook: { summary: specs.hook.summary, load: async () => (await import("./commands/hook.js")).hook },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join("\n");
  return `Usage: llmchart <command> [options]

Commands:
${list}

Run 'llmchart <command> --help' for a command's options.
Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input.
`;
}

/**
 * The CLI core: runs one command and returns its exit code. User mistakes become one-line
 * messages on stderr and exit code 2; only an internal bug shows a stack trace.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`llmchart: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`llmchart ${name}: ${oneLine(err.message)}\n`);
      return 2;
    }
    if (err instanceof GitError) {
      io.stderr(`llmchart ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError || err instanceof InputErrors) {
      io.stderr(err.message.split("\n").map((l) => `llmchart: ${l}\n`).join(""));
      return 2;
    }
    const e = err as Error;
    io.stderr(`llmchart: internal error: ${e?.message ?? String(err)}\n`);
    if (io.env.LLMCHART_DEBUG) io.stderr(`${e?.stack ?? ""}\n`);
    else io.stderr("(set LLMCHART_DEBUG=1 for a stack trace, and please report it)\n");
    return 2;
  }
}
