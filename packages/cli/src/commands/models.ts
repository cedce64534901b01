import { oneLine, pinModels, UsageError, type PinOutcome } from "@llmchart/core";
import { helpText, parseCommand } from "../command-spec.js";
import type { Io } from "../io.js";
import { projectOf } from "../output.js";
import { modelsSpec } from "../specs.js";

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
  const parsed = parseCommand(modelsSpec, argv);
  const { values } = parsed;
  const [sub, ...positionals] = parsed.positionals;
  if (values.help || sub === undefined || sub === "help") {
    if (!values.help && sub !== "help") {
      io.stderr(helpText(modelsSpec));
      return 2;
    }
    io.stdout(helpText(modelsSpec));
    return 0;
  }
  if (sub !== "pin") throw new UsageError(`unknown subcommand "${oneLine(sub)}" (expected: pin)`);
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
