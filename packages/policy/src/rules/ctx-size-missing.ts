import { formatBinaryBytes } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { kvCacheBytes } from "../model.js";
import { optionPath } from "../rule-utils.js";
import { intValue } from "../server-args.js";

export default defineRule({
  id: "ctx-size-missing",
  description:
    "-c (the context size) is set: with -c 0, or without -c in builds whose default is 0, llama-server allocates the KV cache for the model's whole training context; in builds with a fixed default (4096) no -c is a note.",
  severity: "warning",
  help: "Add \"-c\", \"4096\" (or what your prompts need) to extraArgs.",
  messages: {
    noCtx: 'no -c: llama-server uses the model\'s training context{{size}}, allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"',
    noCtxFixedDefault:
      'no -c: {{build}} uses its default of {{ctxDefault}} tokens whatever the prompts need{{size}} — set -c to what your prompts need, e.g. "-c", "4096" (newer builds take the model\'s training context instead)',
    ctxZero: '{{flag}} 0 means the model\'s training context{{size}}, allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"',
  },
  check(ctx) {
    const opt = ctx.args.get("-c");
    if (opt && (opt.value === undefined || intValue(opt) === undefined || intValue(opt) !== 0)) return;
    const train = ctx.model?.nCtxTrain;
    const kv = train !== undefined && ctx.model ? kvCacheBytes(ctx.model, train) : undefined;
    const size = train !== undefined ? ` (${train} tokens${kv !== undefined ? `, a ${formatBinaryBytes(kv)} f16 KV cache` : ""} for ${ctx.model?.model})` : "";
    const ctxDefault = ctx.build.defaults.ctxSize;
    if (!opt && ctxDefault > 0) {
      // A fixed default: nothing grows with the model, so this is a note, not a memory warning.
      const trainNote = train !== undefined ? `; ${ctx.model?.model} was trained for ${train}` : "";
      ctx.report({ messageId: "noCtxFixedDefault", data: { build: ctx.build.label, ctxDefault, size: trainNote }, path: "extraArgs", severity: "info" });
      return;
    }
    ctx.report({
      ...(opt ? { messageId: "ctxZero", data: { flag: opt.name, size } } : { messageId: "noCtx", data: { size } }),
      path: (opt && optionPath(opt)) ?? "extraArgs",
    });
  },
});
