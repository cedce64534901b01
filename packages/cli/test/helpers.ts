import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../src/run.js";
import type { Io } from "../src/io.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI core in-process against `cwd`, capturing output. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTTY: false,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory holding the given files (paths relative to it). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "llmchart-test-"));
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}
