import { rotateModels, UsageError } from "@llmchart/core";
import type { Io } from "../io.js";
import { projectOf } from "../output.js";
import { helpText, parseCommand } from "../command-spec.js";
import { ROLLOUT_ANNOTATION, rotateSpec } from "../specs.js";

export async function rotate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(rotateSpec, argv);
  if (values.help) {
    io.stdout(helpText(rotateSpec));
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
