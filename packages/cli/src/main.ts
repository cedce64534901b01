import { run } from "./run.js";

/** Entry for bin/llmchart.js: binds the real process streams and returns the exit code. */
export function main(argv: string[]): Promise<number> {
  return run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
  });
}
