import { rotateModels, UsageError } from "@llmchart/core";
import { parseCommandArgs } from "../args.js";
import type { Io } from "../io.js";
import { projectOf } from "../output.js";

const ROLLOUT_ANNOTATION = "config/refresh";

export const rotateHelp = `Usage: llmchart rotate <model...> | --all [--key <annotation>] [--value <text>]

After a Secret changed (e.g. hf-token), bump the rollout annotation in the models' values files
so Argo CD derives a new pod template and rolls the pods. Comments, BOM, line endings and file
mode are kept; a read-only file is refused.

Options:
      --all             every model of the layout
      --key <name>      annotation to bump (default: ${ROLLOUT_ANNOTATION})
      --value <text>    value to set (default: the current UTC time, e.g. 2026-11-27T10-15-00Z)
  -c, --config <file>   config file (default: the nearest llmchart.config.yaml)
`;

export async function rotate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      key: { type: "string", default: ROLLOUT_ANNOTATION },
      value: { type: "string" },
      config: { type: "string", short: "c" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(rotateHelp);
    return 0;
  }
  if (values.all === positionals.length > 0) {
    throw new UsageError(values.all ? "give either model names or --all, not both" : "name the models to rotate, or pass --all");
  }
  const key = values.key ?? ROLLOUT_ANNOTATION;
  if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
    throw new UsageError(`"${key}" is not a valid annotation key`);
  }
  const { rotationStamp } = await import("@llmchart/sync");
  const value = values.value ?? rotationStamp(new Date());
  const project = projectOf(io, values.config);
  const result = await rotateModels({ project, models: values.all ? "all" : positionals, key, value });
  for (const f of result.files) {
    io.stdout(
      f.changed
        ? `${f.path}: podAnnotations["${key}"] = ${JSON.stringify(value)} (Argo CD will roll ${f.model})\n`
        : `${f.path}: unchanged (podAnnotations["${key}"] is already ${JSON.stringify(value)}; Argo CD will not roll ${f.model})\n`,
    );
  }
  return 0;
}
