import { defineRule } from "../define-rule.js";
import { memoryParts, nameText } from "../rule-utils.js";

export default defineRule({
  id: "model-size-unknown",
  description: "The model's size can be estimated from its file name (parameter count or a known model, and a GGUF quantisation), so the memory and rollout checks can run.",
  severity: "info",
  help: "Name the file as published (e.g. mistral-7b-instruct-v0.2.Q4_K_M.gguf), or size resources.limits.memory by hand: file + KV cache + --cache-ram + headroom.",
  messages: {
    noParamsOrQuant:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states neither a parameter count (e.g. 7b) or known model nor a quantisation (e.g. Q4_K_M), so the memory and rollout checks were skipped — size resources.limits.memory by hand ({{byHand}})",
    noQuant:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states no GGUF quantisation (e.g. Q4_K_M), so the memory and rollout checks were skipped — size resources.limits.memory by hand ({{byHand}})",
    noParams:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states no parameter count (e.g. 7b) or known model name, so the memory and rollout checks were skipped — size resources.limits.memory by hand ({{byHand}})",
  },
  check(ctx) {
    const filename = ctx.text("model.filename");
    if (!filename || ctx.model?.fileBytes !== undefined) return;
    const messageId = ctx.model?.quant === undefined && ctx.model?.params === undefined ? "noParamsOrQuant" : ctx.model?.quant === undefined ? "noQuant" : "noParams";
    ctx.report({
      messageId,
      data: { filename: nameText(filename), byHand: memoryParts(ctx.build).byHand },
      path: "model.filename",
    });
  },
});
