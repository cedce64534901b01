import { defineRule } from "../define-rule.js";
import { kvCacheBytes } from "../model.js";
import { formatBytes, intValue, optionPath } from "../rule-utils.js";

export default defineRule({
  id: "ctx-size-missing",
  description: "-c (the context size) is set: without it (or with -c 0) llama-server allocates the KV cache for the model's whole training context.",
  severity: "warning",
  help: "Add \"-c\", \"4096\" (or what your prompts need) to extraArgs.",
  messages: {
    noCtx: 'no -c: llama-server uses the model\'s training context{{size}}, allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"',
    ctxZero: '{{flag}} 0 means the model\'s training context{{size}}, allocated at start-up — set -c to what your prompts need, e.g. "-c", "4096"',
  },
  check(ctx) {
    const opt = ctx.args.get("-c");
    if (opt && (opt.value === undefined || intValue(opt) === undefined || intValue(opt) !== 0)) return;
    const train = ctx.model?.nCtxTrain;
    const kv = train !== undefined && ctx.model ? kvCacheBytes(ctx.model, train) : undefined;
    const size = train !== undefined ? ` (${train} tokens${kv !== undefined ? `, a ${formatBytes(kv)} f16 KV cache` : ""} for ${ctx.model?.model})` : "";
    ctx.report({
      ...(opt ? { messageId: "ctxZero", data: { flag: opt.name, size } } : { messageId: "noCtx", data: { size } }),
      path: (opt && optionPath(opt)) ?? "extraArgs",
    });
  },
});
