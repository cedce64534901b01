/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colours, progress lines). */
  isTTY: boolean;
}

/** Colour on a TTY only, overridable with NO_COLOR / FORCE_COLOR like most CLIs. */
export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return io.isTTY;
}
