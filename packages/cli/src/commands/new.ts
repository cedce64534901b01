import { CONFIG_FILE, checkConfig, parseSource } from "@llmchart/schema";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { parseCommandArgs } from "../args.js";
import { InputError, UsageError } from "../errors.js";
import { createFileAtomic } from "../atomic.js";
import { describeFsError, readConfigSource } from "../files.js";
import { assertInsideRepo } from "../safe-path.js";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { lintSources } from "../lint/pipeline.js";
import { toolVersion } from "../version.js";
import { loadStages } from "./lint.js";
import { render } from "./render.js";

export const newHelp = `Usage: llmchart new <model> --repo-id <org/repo> --file <name.gguf> [options]

Adds a model: writes infra/apps/llm/values/<model>.yaml with computed defaults, then renders,
so its Argo CD Application appears. Never overwrites an existing model.

Options:
      --repo-id <org/repo>    Hugging Face repository of the GGUF file (required)
      --file <name.gguf>      GGUF file name in that repository (required)
      --cpu <n>               CPU limit in whole cores; threads (-t) = this (default: 4)
      --memory <quantity>     memory limit and request (default: model file + KV cache for
                              the context + prompt cache + 512 MiB headroom, rounded up to Gi)
      --ctx <n>               context size -c (default: 4096, or the model's training context
                              when smaller)
      --cache-ram <MiB>       prompt cache --cache-ram (default: 1024; the server's own default is 8192)
      --sha256 <hex>          expected SHA-256 of the file (64 lowercase hex)
      --download-url <url>    exact https download URL (the file is still saved as --file)
      --no-render             write the values file only
`;

const GiB = 2 ** 30;
const MiB = 2 ** 20;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} expects a positive whole number, got "${value}"`);
  return n;
}

export async function newModel(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs({
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
      config: { type: "string", short: "c", default: CONFIG_FILE },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(newHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one model name, got ${positionals.length}` : "name the model, e.g. `llmchart new qwen7b --repo-id Qwen/Qwen2.5-7B-Instruct-GGUF --file qwen2.5-7b-instruct-q4_k_m.gguf`");
  const model = positionals[0]!;
  const repoId = values["repo-id"];
  const file = values.file;
  if (!repoId) throw new UsageError("--repo-id <org/repo> is required");
  if (!file) throw new UsageError("--file <name.gguf> is required");

  const configPath = values.config ?? CONFIG_FILE;
  const configSource = readConfigSource(io.cwd, configPath);
  const checkedConfig = checkConfig(configSource);
  if (!checkedConfig.config) {
    const first = checkedConfig.problems.find((p) => p.severity === "error")!;
    throw new InputError(`${first.file}:${first.line}:${first.column}`, `${first.message} (fix the config first)`);
  }
  const config = checkedConfig.config;
  const [sync, policy] = await Promise.all([import("@llmchart/sync"), import("@llmchart/policy")]);
  const settings = sync.argoSettings(config);
  const nameError = sync.modelNameError(model, settings.releasePrefix, config.chart.name);
  if (nameError) throw new UsageError(nameError);
  const paths = sync.layoutPaths(config);
  const valuesRel = posix.join(paths.valuesDir, `${model}.yaml`);
  const valuesAbs = join(io.cwd, valuesRel);
  if (existsSync(valuesAbs) || existsSync(valuesAbs.replace(/\.yaml$/, ".yml"))) {
    throw new InputError(valuesRel, `model "${model}" already exists; edit that file instead (llmchart new never overwrites)`);
  }

  const cpu = positiveInt("cpu", values.cpu, 4);
  const cacheRamMiB = values["cache-ram"] === undefined ? 1024 : Number(values["cache-ram"]);
  if (!/^\d+$/.test(values["cache-ram"] ?? "0")) throw new UsageError(`--cache-ram expects MiB as a whole number (0 = off), got "${values["cache-ram"]}"`);
  const estimate = policy.estimateModel(file, repoId);
  const defaultCtx = Math.min(4096, estimate?.nCtxTrain ?? 4096);
  const ctx = positiveInt("ctx", values.ctx, defaultCtx);
  const notes: string[] = [`Model ${model}: ${file} from ${repoId}, added by \`llmchart new\`.`];
  let memory = values.memory;
  let sizeLimit: string | undefined;
  if (estimate?.fileBytes !== undefined) {
    sizeLimit = `${Math.ceil((estimate.fileBytes * 2) / GiB) + 1}Gi`;
  }
  if (memory === undefined) {
    if (estimate?.fileBytes === undefined) {
      throw new UsageError(`cannot estimate the size of ${file} from its name (no parameter count or quantisation); pass --memory, e.g. --memory 8Gi`);
    }
    // Unknown architecture: about 128 KiB of f16 KV cache per token per 8B parameters (Llama-3-8B's figure), scaled.
    const kv = policy.kvCacheBytes(estimate, ctx) ?? Math.round(ctx * 128 * 1024 * ((estimate.params ?? 8e9) / 8e9));
    const total = estimate.fileBytes + kv + cacheRamMiB * MiB + policy.HEADROOM_BYTES;
    memory = `${Math.ceil(total / GiB)}Gi`;
    const gib = (b: number) => `${(b / GiB).toFixed(1)} GiB`;
    notes.push(`memory ${memory} = model ~${gib(estimate.fileBytes)} + KV cache ${gib(kv)} (-c ${ctx}) + prompt cache ${cacheRamMiB} MiB + 512 MiB headroom, rounded up.`);
  }
  const schemaPath = relative(join(io.cwd, paths.valuesDir), join(io.cwd, "schemas", "values.schema.json")).split(sep).join("/");
  const text = sync.scaffoldValues({
    model, repoId, filename: file, cpu, memory, ctx, cacheRamMiB, schemaPath, notes,
    ...(sizeLimit ? { sizeLimit } : {}),
    ...(values.sha256 ? { sha256: values.sha256 } : {}),
    ...(values["download-url"] ? { downloadUrl: values["download-url"] } : {}),
  });

  // Lint before anything touches the disk: a new model must lint clean (errors), or nothing is written.
  const source = parseSource(valuesRel, text);
  const linted = await lintSources([source], await loadStages(io.cwd), { cwd: io.cwd });
  const errors = linted.problems.filter((p) => p.severity === "error");
  if (errors.length) {
    const formatter = await loadFormatter("stylish");
    io.stderr(formatter(errors, { color: useColor(io), rules: linted.rules, toolName: "llmchart", toolVersion: toolVersion(), filesChecked: 1 }));
    io.stderr(`llmchart: ${valuesRel} was not written: the values it would hold have errors (see above)\n`);
    return 1;
  }

  assertInsideRepo(io.cwd, valuesAbs, valuesRel);
  try {
    mkdirSync(join(io.cwd, paths.valuesDir), { recursive: true });
    // Exclusive and atomic: never overwrite (even a file that appeared meanwhile), never leave half a file.
    createFileAtomic(valuesAbs, text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new InputError(valuesRel, `model "${model}" already exists`);
    throw new InputError(valuesRel, `cannot write: ${describeFsError(err)}`);
  }
  io.stdout(`created ${valuesRel} (cpu ${cpu}, memory ${memory}, -c ${ctx})\n`);
  if (values["no-render"]) return 0;
  const code = await render(["--config", configPath], io);
  if (code !== 0) {
    rmSync(valuesAbs, { force: true });
    io.stderr(`llmchart: render failed, so ${valuesRel} was removed again\n`);
  }
  return code;
}
