import { allRules, ruleDocsBaseUrl, scaffoldModel, toolVersion, UsageError } from "@llmchart/core";
import { loadFormatter } from "../formatters/index.js";
import type { Io } from "../io.js";
import { useColor } from "../io.js";
import { printWritten, projectOf, report } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { newSpec } from "../specs.js";

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} expects a positive whole number, got "${value}"`);
  return n;
}

export async function newModel(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(newSpec, argv);
  if (values.help) {
    io.stdout(helpText(newSpec));
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
    io.stderr(formatter(result.errors, { color: useColor(io), rules: allRules(), toolName: "llmchart", toolVersion: toolVersion(), filesChecked: 1, docsBaseUrl: ruleDocsBaseUrl(project.config.docs?.baseUrl) }));
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
  return report(io, rendered.problems, { format: "stylish", rules: allRules(), filesChecked: rendered.files, docsBaseUrl: project.config.docs?.baseUrl });
}
