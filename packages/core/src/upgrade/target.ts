import { UsageError } from "../errors.js";

/**
 * The build `--to` names: `b10900`, `10900` or a server tag (`server-b10900`, also with a
 * backend such as `server-vulkan-b10900`). Anything else is a usage error (exit 2).
 */
export function parseBuildArgument(text: string): number {
  const m = /^(?:b|(?:server|full|light)(?:-[a-z]+[0-9.]*)?-b)?([0-9]+)$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--to expects a llama.cpp build: b10900, 10900 or server-b10900, got ${JSON.stringify(text)}`);
  }
  return n;
}

/**
 * The tag of `build` in the family of `current` (`server-b4719` → `server-b10900`,
 * `server-vulkan-b4719` → `server-vulkan-b10900`); `server-b<build>` when the current tag names
 * no build (a floating `server`, or none).
 */
export function tagFor(current: string | undefined, build: number): string {
  if (current && /-b[0-9]+$/.test(current)) return current.replace(/-b[0-9]+$/, `-b${build}`);
  return `server-b${build}`;
}
