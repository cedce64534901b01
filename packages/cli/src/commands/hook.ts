import { GitError, git, gitTopLevel, InputError, refuseReadOnly, UsageError, writeFileAtomic } from "@llmchart/core";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { helpText, parseCommand } from "../command-spec.js";
import type { Io } from "../io.js";
import { HOOK_CHECK_ARGS, hookSpec } from "../specs.js";

/** First lines of a hook we installed; a hook without it is someone else's. */
export const HOOK_MARKER = "# llmchart pre-commit hook (installed by `llmchart hook install`)";

/** The hook script: runs the CLI that installed it, relative to the repository when inside it. */
export function hookScript(top: string, binPath: string): string {
  const rel = relative(top, binPath);
  const inside = rel && !rel.startsWith("..") && !isAbsolute(rel);
  const target = inside ? `"$(git rev-parse --show-toplevel)/${rel.split("\\").join("/")}"` : JSON.stringify(binPath);
  return `#!/bin/sh
${HOOK_MARKER}
# Checks what this commit changes in the LLM layout; bypass once with: git commit --no-verify
exec node ${target} ${HOOK_CHECK_ARGS.join(" ")}
`;
}

async function hooksDir(top: string): Promise<string> {
  // Respects core.hooksPath and worktrees, as git itself resolves it.
  const p = (await git(top, ["rev-parse", "--git-path", "hooks"])).trim();
  return isAbsolute(p) ? p : resolve(top, p);
}

export async function hook(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand(hookSpec, argv);
  const [action, ...extra] = parsed.positionals;
  if (parsed.values.help || action === undefined) {
    if (!parsed.values.help) {
      io.stderr(helpText(hookSpec));
      return 2;
    }
    io.stdout(helpText(hookSpec));
    return 0;
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const top = await gitTopLevel(io.cwd).catch((err: unknown) => {
    if (err instanceof GitError) throw new InputError(io.cwd, `not inside a git repository (${err.stderr.trim().split("\n")[0]})`);
    throw err;
  });
  const file = join(await hooksDir(top), "pre-commit");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const ours = existing?.includes(HOOK_MARKER) ?? false;

  if (action === "install") {
    if (existing !== undefined && !ours && !parsed.values.force) {
      io.stderr(`llmchart: ${file}: a pre-commit hook that llmchart did not install already exists; not overwriting it (use --force, or call \`llmchart check --staged --changed\` from it)\n`);
      return 1;
    }
    const bin = fileURLToPath(new URL("../../bin/llmchart.js", import.meta.url));
    refuseReadOnly(file, relative(io.cwd, file) || file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, hookScript(top, bin), 0o755);
    chmodSync(file, 0o755);
    io.stdout(`installed ${relative(io.cwd, file) || file}: commits now run \`llmchart ${HOOK_CHECK_ARGS.join(" ")}\` on what they stage\n`);
    return 0;
  }
  if (action === "uninstall") {
    if (existing === undefined) {
      io.stdout("no pre-commit hook installed\n");
      return 0;
    }
    if (!ours) {
      io.stderr(`llmchart: ${file}: this pre-commit hook was not installed by llmchart; leaving it\n`);
      return 1;
    }
    const { rmSync } = await import("node:fs");
    rmSync(file);
    io.stdout(`removed ${relative(io.cwd, file) || file}\n`);
    return 0;
  }
  throw new UsageError(`unknown action "${action}" (expected install or uninstall)`);
}
