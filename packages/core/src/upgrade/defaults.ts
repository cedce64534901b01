import type { EffectiveModel, ServerBuild, ServerDefaults } from "@llmchart/policy";
import { formatBinaryBytes, type Severity } from "@llmchart/schema";
import { buildName } from "./flags.js";

/** A default the file leaves to the server, changed by the move to the target build. */
export interface DefaultChange {
  severity: Severity;
  /** The flag that sets it (`-c`, `--cache-ram`, …). */
  subject: string;
  message: string;
  /**
   * The arguments that keep the current build's behaviour (`-c 4096`, `--cache-ram 0`), for a
   * default that moves the memory estimate: `--write` adds them when the upgrade would otherwise
   * push the pod past its memory limit.
   */
  pin?: string[];
}

/** Both sides of the move: the file's effective model at its own build and at the target build. */
export interface Sides {
  from: ServerBuild;
  to: ServerBuild;
  before: EffectiveModel;
  after: EffectiveModel;
}

const MiB = 2 ** 20;

/** Whether the file sets the option itself (any spelling, or its variable), on either side. */
function setsAny(sides: Sides, names: readonly string[]): boolean {
  return names.some((n) => sides.before.args.get(n) !== undefined || sides.after.args.get(n) !== undefined);
}

function ctxText(c: number): string {
  return c === 0 ? "from the model" : String(c);
}

function ctxChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if (a.ctxSize === b.ctxSize || setsAny(s, ["-c"])) return undefined;
  const before = s.before.estimate;
  const after = s.after.estimate;
  const name = s.after.model?.model ?? "the model";
  const kv = before?.kvCacheBytes !== undefined && after?.kvCacheBytes !== undefined ? ` (KV cache ${formatBinaryBytes(before.kvCacheBytes)} → ${formatBinaryBytes(after.kvCacheBytes)})` : "";
  const effect =
    b.ctxSize === 0
      ? after?.kvCtx !== undefined
        ? `${name} now allocates ${after.kvCtx} tokens of KV cache${kv}`
        : "the context becomes the model's training context (not known for this model)"
      : `the KV cache is sized for ${b.ctxSize} tokens${kv}`;
  // Only a context that grows the KV cache is worth pinning back.
  const grows = (after?.kvCacheBytes ?? 0) > (before?.kvCacheBytes ?? Infinity);
  return { severity: "info", subject: "-c", message: `-c default ${ctxText(a.ctxSize)} → ${ctxText(b.ctxSize)}: ${effect}`, ...(a.ctxSize > 0 && grows ? { pin: ["-c", String(a.ctxSize)] } : {}) };
}

function cacheRamChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if (a.cacheRamMiB === b.cacheRamMiB || setsAny(s, ["--cache-ram"])) return undefined;
  if (b.cacheRamMiB === undefined) {
    return { severity: "info", subject: "--cache-ram", message: `the host-RAM prompt cache (${a.cacheRamMiB} MiB) goes away: ${buildName(s.to)} has no --cache-ram` };
  }
  const size = b.cacheRamMiB < 0 ? "without a size limit" : `of ${formatBinaryBytes(b.cacheRamMiB * MiB)}`;
  const message =
    a.cacheRamMiB === undefined
      ? `a host-RAM prompt cache ${size} appears (--cache-ram defaults to ${b.cacheRamMiB} MiB)`
      : `--cache-ram default ${a.cacheRamMiB} → ${b.cacheRamMiB} MiB`;
  const was = a.cacheRamMiB ?? 0;
  const grows = was >= 0 && (b.cacheRamMiB < 0 || b.cacheRamMiB > was);
  return { severity: "info", subject: "--cache-ram", message, ...(grows ? { pin: ["--cache-ram", String(a.cacheRamMiB ?? 0)] } : {}) };
}

function parallelText(n: number): string {
  return n < 0 ? "auto" : String(n);
}

function parallelChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if ((a.parallel === b.parallel && a.kvUnifiedWhenAuto === b.kvUnifiedWhenAuto) || setsAny(s, ["-np"])) return undefined;
  const unified = b.parallel < 0 && b.kvUnifiedWhenAuto ? ", with one unified KV cache the slots share (still sized by -c: no memory change)" : "";
  return { severity: "info", subject: "-np", message: `-np default ${parallelText(a.parallel)} → ${parallelText(b.parallel)}: the server picks the number of slots${unified}` };
}

function timeoutChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if (a.timeoutSeconds === b.timeoutSeconds || setsAny(s, ["--timeout"])) return undefined;
  return { severity: "info", subject: "--timeout", message: `--timeout default ${a.timeoutSeconds} s → ${b.timeoutSeconds} s: how long the server waits on a client's read or write` };
}

function jinjaChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if (a.jinja === b.jinja || setsAny(s, ["--jinja"])) return undefined;
  return {
    severity: "info",
    subject: "--jinja",
    message: b.jinja
      ? "--jinja becomes the default: chat requests are formatted with the model's own Jinja chat template"
      : "--jinja is no longer the default: chat requests use llama.cpp's built-in chat templates",
  };
}

function flashAttnChange(s: Sides): DefaultChange | undefined {
  const a = s.from.flags.find("-fa");
  const b = s.to.flags.find("-fa");
  // Only defaults both builds state: an unstated one is not guessed.
  if (!a?.default || !b?.default || setsAny(s, ["-fa"]) || a.default === b.default) return undefined;
  return { severity: "info", subject: "-fa", message: `flash attention default ${a.default} → ${b.default}` };
}

function loadModeChange(s: Sides, a: ServerDefaults, b: ServerDefaults): DefaultChange | undefined {
  if (a.loadMode === b.loadMode || b.loadMode === undefined) return undefined;
  if (setsAny(s, ["--load-mode", "--mlock", "--mmap", "--no-mmap", "-dio"])) return undefined;
  return {
    severity: "info",
    subject: "--load-mode",
    message: a.loadMode === undefined ? `--load-mode appears, default ${b.loadMode}` : `--load-mode default ${a.loadMode} → ${b.loadMode}`,
  };
}

/**
 * The defaults that change between the two builds and that the file leaves to the server, each
 * with what it does: -c and --cache-ram (memory), -np (slots, unified KV), --timeout, --jinja,
 * flash attention and --load-mode. The defaults come from the data of each build, never from
 * constants here.
 */
export function defaultChanges(s: Sides): DefaultChange[] {
  const a = s.from.defaults;
  const b = s.to.defaults;
  return [
    ctxChange(s, a, b),
    cacheRamChange(s, a, b),
    parallelChange(s, a, b),
    timeoutChange(s, a, b),
    jinjaChange(s, a, b),
    flashAttnChange(s),
    loadModeChange(s, a, b),
  ].filter((c): c is DefaultChange => c !== undefined);
}
