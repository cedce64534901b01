import { oneLine, pinModels, UsageError, type PinOutcome } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import type { Io } from "../io.js";
import { projectOf } from "../output.js";

export const modelsHelp = `Usage: llmchart models pin [options] [model...]

Pins each model's file: reads its size, SHA256 and GGUF header (architecture, layers, attention
heads per layer, key/value widths, sliding window, experts, vocabulary, training context) and
records them in llmchart.lock.yaml beside the config, one entry per repoId + filename, with where
and when it was read. Then fills an empty model.sha256 in the values file. Lint, check, capacity,
diff and the editor read the lock and never touch the network; a model not in the lock is
estimated from its file name.

Over HTTP only the header is read, with range requests (the Hub's resolve URL, or
model.downloadUrl), within 40 MiB and 60 s per model; the SHA256 and size come from the Hub's
X-Linked-Etag / X-Linked-Size. Gated repositories need HF_TOKEN in the environment (sent as a
bearer token, never printed). HF_ENDPOINT points at another Hub. Split models
(-00001-of-0000N.gguf) are refused: the chart downloads one file.

Options:
      --offline           read a local copy (with --file) instead of the network
      --file <path.gguf>  the local copy to pin, for the one model named; its SHA256 is computed
  -c, --config <file>     config file (default: the nearest llmchart.config.yaml)
  -h, --help              show this help

Exit codes: 0 every model pinned, 1 a model could not be read (the others are still pinned),
2 usage error or unreadable input.
`;

const GiB = 2 ** 30;

function describe(o: Extract<PinOutcome, { ok: true }>): string {
  const e = o.entry;
  const f = e.facts;
  const kv = Array.isArray(f.headCountKv) ? `${Math.min(...f.headCountKv)}–${Math.max(...f.headCountKv)}` : String(f.headCountKv ?? "?");
  const heads = Array.isArray(f.headCount) ? Math.max(...f.headCount) : (f.headCount ?? "?");
  const shape = [
    f.architecture,
    f.fileType,
    f.blockCount !== undefined ? `${f.blockCount} layers` : undefined,
    `${heads} heads / ${kv} KV heads`,
    f.slidingWindow ? `sliding window ${f.slidingWindow}` : undefined,
    f.expertCount ? `${f.expertUsedCount ?? "?"} of ${f.expertCount} experts` : undefined,
    f.contextLength !== undefined ? `context ${f.contextLength}` : undefined,
  ].filter(Boolean);
  return `${o.model}: ${e.filename} ${(e.sizeBytes / GiB).toFixed(2)} GiB${e.sha256 ? `, sha256 ${e.sha256.slice(0, 12)}…` : ", no published sha256"} (${shape.join(", ")})`;
}

export async function models(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    (sub === undefined ? io.stderr : io.stdout)(modelsHelp);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "pin") throw new UsageError(`unknown subcommand "${oneLine(sub)}" (expected: pin)`);
  const { values, positionals } = parseCommandArgs({
    args: rest,
    allowPositionals: true,
    options: {
      offline: { type: "boolean", default: false },
      file: { type: "string" },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(modelsHelp);
    return 0;
  }
  if (values.offline !== (values.file !== undefined)) throw new UsageError(values.offline ? "--offline needs --file <path.gguf>: the local copy to pin" : "--file needs --offline (a local copy is read instead of the network)");
  const project = projectOf(io, values.config);
  const result = await pinModels({ project, models: positionals, ...(values.file !== undefined ? { offlineFile: values.file } : {}), env: io.env });
  for (const o of result.outcomes) {
    if (o.ok) io.stdout(`${o.changed ? "pinned" : "unchanged"} ${describe(o)}\n`);
    else io.stderr(`llmchart: ${o.model}: ${oneLine(o.message)}\n`);
  }
  for (const f of result.valuesWritten) io.stdout(`filled model.sha256 in ${f}\n`);
  if (result.lockWritten) io.stdout(`wrote ${result.lockFile}\n`);
  if (!result.outcomes.length) io.stdout("no values files to pin\n");
  return result.outcomes.every((o) => o.ok) ? 0 : 1;
}
