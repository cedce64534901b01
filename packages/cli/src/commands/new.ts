import { allRules, scaffoldModel, toolVersion, UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { printWritten, projectOf, report } from "../output.js";

export const newHelp = `Usage: llmchart new <model> --repo-id <org/repo> --file <name.gguf> [options]

Adds a model: writes <values folder>/<model>.yaml with computed defaults, then renders, so its
Argo CD Application appears. Never overwrites an existing model.

Options:
      --repo-id <org/repo>    Hugging Face repository of the GGUF file (required)
      --file <name.gguf>      GGUF file name in that repository (required)
      --cpu <n>               CPU limit in whole cores; threads (-t) = this (default: 4)
      --memory <quantity>     memory limit and request (default: the memory estimate lint
                              makes — model file + KV cache and compute buffers for the
                              context + prompt cache + headroom, from the lock file when the
                              file is pinned — rounded up to Gi)
      --ctx <n>               context size -c (default: 4096, or the model's training context
                              when smaller)
      --cache-ram <MiB>       prompt cache --cache-ram (default: 1024; the server's own default is 8192)
      --sha256 <hex>          expected SHA-256 of the file (64 lowercase hex)
      --download-url <url>    exact https download URL (the file is still saved as --file)
      --no-render             write the values file only
  -c, --config <file>         config file (default: the nearest llmchart.config.yaml)
`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} expects a positive whole number, got "${value}"`);
  return n;
}

export async function newModel(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "repo-id": { type: "string" },
      file: { type: "string" },
      cpu: { type: "string" },
      memory: { type: "string" },
      ctx: { type: "string" },
      "cache-ram": { type: "string" },
      sha256: { type: "string" },
      "download-url": { type: "string" },
      "no-render": { type: "boolean", default: false },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(newHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one model name, got ${positionals.length}` : "name the model, e.g. `llmchart new qwen7b --repo-id Qwen/Qwen2.5-7B-Instruct-GGUF --file qwen2.5-7b-instruct-q4_k_m.gguf`");
  const repoId = values["repo-id"];
  const file = values.file;
  if (!repoId) throw new UsageError("--repo-id <org/repo> is required");
  if (!file) throw new UsageError("--file <name.gguf> is required");
  if (!/^\d+$/.test(values["cache-ram"] ?? "0")) throw new UsageError(`--cache-ram expects MiB as a whole number (0 = off), got "${values["cache-ram"]}"`);
  const cpu = positiveInt("cpu", values.cpu);
  const ctx = positiveInt("ctx", values.ctx);
  const project = projectOf(io, values.config);
  const result = await scaffoldModel({
    project,
    model: positionals[0]!,
    repoId,
    file,
    ...(cpu !== undefined ? { cpu } : {}),
    ...(ctx !== undefined ? { ctx } : {}),
    ...(values.memory !== undefined ? { memory: values.memory } : {}),
    ...(values["cache-ram"] !== undefined ? { cacheRamMiB: Number(values["cache-ram"]) } : {}),
    ...(values.sha256 ? { sha256: values.sha256 } : {}),
    ...(values["download-url"] ? { downloadUrl: values["download-url"] } : {}),
    render: !values["no-render"],
  });
  if (result.errors.length) {
    const formatter = await loadFormatter("stylish");
    io.stderr(formatter(result.errors, { color: useColor(io), rules: allRules(), toolName: "llmchart", toolVersion: toolVersion(), filesChecked: 1 }));
    io.stderr(`llmchart: ${result.path} was not written: the values it would hold have errors (see above)\n`);
    return 1;
  }
  io.stdout(`created ${result.path} (cpu ${result.cpu}, memory ${result.memory}, -c ${result.ctx})\n`);
  if (result.assumedNote) io.stderr(`llmchart: note: ${result.assumedNote}\n`);
  if (result.capacityWarning) io.stderr(`llmchart: warning: ${result.capacityWarning}\n`);
  const rendered = result.render;
  if (!rendered) return 0;
  const failed = rendered.problems.some((p) => p.severity === "error");
  printWritten(io, rendered, !failed);
  if (!failed) return 0;
  io.stderr(`llmchart: render failed, so ${result.path} was removed again\n`);
  return report(io, rendered.problems, { format: "stylish", rules: allRules(), filesChecked: rendered.files });
}
