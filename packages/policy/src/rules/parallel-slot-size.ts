import { defineRule } from "../define-rule.js";
import { describeOption, intValue, optionPath } from "../rule-utils.js";

export const MIN_SLOT_TOKENS = 512;

export default defineRule({
  id: "parallel-slot-size",
  description: "-np does not split -c into slots smaller than 512 tokens each.",
  severity: "warning",
  help: "Lower -np, raise -c to at least -np × 512, or let the slots share one pool (--kv-unified).",
  messages: {
    slotsTooSmall:
      "{{option}} splits a context of {{total}} tokens into {{slots}} slots of {{perSlot}}: a prompt plus its answer rarely fits — lower -np, raise -c to at least {{minCtx}}, or share one pool with --kv-unified",
  },
  check(ctx) {
    const npOpt = ctx.args.get("-np");
    const np = intValue(npOpt);
    if (!npOpt || np === undefined || np <= 1) return;
    if (ctx.args.get("-kvu")?.value === "true") return; // one shared pool: no split
    const c = intValue(ctx.args.get("-c"));
    const total = c !== undefined && c > 0 ? c : ctx.model?.nCtxTrain;
    if (total === undefined) return;
    const perSlot = Math.floor(total / np);
    if (perSlot >= MIN_SLOT_TOKENS) return;
    ctx.report({
      messageId: "slotsTooSmall",
      data: { option: describeOption(npOpt), total, slots: np, perSlot, minCtx: np * MIN_SLOT_TOKENS },
      path: optionPath(npOpt) ?? "extraArgs",
    });
  },
});
