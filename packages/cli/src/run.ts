// Only the light parts of the core load at start-up; a command loads the rest when it runs.
import { GitError, InputError, InputErrors, oneLine, UsageError } from "@llmchart/core/errors";
import { toolVersion } from "@llmchart/core/version";
import type { Io } from "./io.js";

/** A command: argv after the command name → exit code. Never exits the process. */
export type Command = (argv: string[], io: Io) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

/** Commands are imported only when called, so `llmchart lint` never loads the renderer. */
export const commands: Record<string, CommandEntry> = {
  init: {
    summary: "adopt the chart, values and Applications already in this repository: infer llmchart.config.yaml",
    load: async () => (await import("./commands/init.js")).init,
  },
  lint: {
    summary: "validate values files (schema and policy rules)",
    load: async () => (await import("./commands/lint.js")).lint,
  },
  check: {
    summary: "everything CI and pre-commit need: lint, render --check, helm template + manifest schemas",
    load: async () => (await import("./commands/check.js")).check,
  },
  render: {
    summary: "regenerate the chart and the Argo CD Applications (--check: report drift, write nothing)",
    load: async () => (await import("./commands/render.js")).render,
  },
  diff: {
    summary: "preview what a change does to the cluster, per model and object, with its rollout risks (offline, helm + git)",
    load: async () => (await import("./commands/diff.js")).diff,
  },
  capacity: {
    summary: "what each model needs (memory estimate itemised) and whether the models fit on the node pools",
    load: async () => (await import("./commands/capacity.js")).capacity,
  },
  new: {
    summary: "add a model: a values file with computed defaults, then render its Application",
    load: async () => (await import("./commands/new.js")).newModel,
  },
  models: {
    summary: "pin each model file's size, SHA256 and GGUF header facts in llmchart.lock.yaml (models pin)",
    load: async () => (await import("./commands/models.js")).models,
  },
  rotate: {
    summary: "bump the rollout annotation so Argo CD rolls the pods after a Secret changed",
    load: async () => (await import("./commands/rotate.js")).rotate,
  },
  lsp: {
    summary: "language server for editors (--stdio): diagnostics, quick fixes, hovers, completion",
    load: async () => (await import("./commands/lsp.js")).lsp,
  },
  hook: {
    summary: "install or remove the git pre-commit hook (runs check on what a commit stages)",
    load: async () => (await import("./commands/hook.js")).hook,
  },
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
