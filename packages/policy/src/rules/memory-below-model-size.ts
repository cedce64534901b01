import { formatBinaryBytes, parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { LOCK_FILE } from "../lock.js";
import { memoryParts, memoryQuantityAtLeast, nameText, shown, str } from "../rule-utils.js";

export default defineRule({
  id: "memory-below-model-size",
  description:
    "resources.limits.memory can hold at least the model file (its pinned size, model.sizeBytes, or estimated from its quantisation's bits per weight × parameter count).",
  severity: "error",
  help: "Raise resources.limits.memory above the GGUF file size plus KV cache, prompt cache and headroom, or pick a smaller quantisation.",
  messages: {
    modelDoesNotFit:
      "resources.limits.memory {{limit}} cannot hold the model: {{filename}} is {{size}} before any {{caches}} — raise the limit above {{minimum}} plus {{extras}}, or pick a smaller quantisation",
  },
  check(ctx) {
    const raw = ctx.get("resources.limits.memory");
    const limit = parseQuantity(raw);
    const need = ctx.estimate;
    if (limit === undefined || !need || limit >= need.fileBytes) return;
    const m = ctx.model;
    const filename = nameText(str(ctx.get("model.filename")) ?? "the model");
    const size =
      need.fileSize === "lock"
        ? `${formatBinaryBytes(need.fileBytes)} (pinned in ${LOCK_FILE})`
        : need.fileSize === "sizeBytes"
        ? `${formatBinaryBytes(need.fileBytes)} (model.sizeBytes)`
        : `~${formatBinaryBytes(need.fileBytes)} (${m?.params !== undefined ? `${(m.params / 1e9).toFixed(2).replace(/\.?0+$/, "")}B parameters × ${m.bpw} bits for ${m.quant}` : m?.quant})`;
    ctx.report({
      messageId: "modelDoesNotFit",
      data: { limit: shown(raw), filename, size, minimum: memoryQuantityAtLeast(need.fileBytes), ...memoryParts(ctx.build) },
      path: "resources.limits.memory",
    });
  },
});
