import { defineRule } from "../define-rule.js";
import { accepts } from "../llama/standing.js";
import { describeOption, optionPath } from "../rule-utils.js";
import { intValue } from "../server-args.js";

export const MIN_SLOT_TOKENS = 512;

export default defineRule({
  id: "parallel-slot-size",
  description:
    "-np does not split -c into slots smaller than 512 tokens each (-c as set, else the build's default; the slots of an automatic -np share one unified pool in the builds that have it).",
  severity: "warning",
  help: "Lower -np, raise -c to at least -np × 512, or let the slots share one pool (--kv-unified, where the file's build has it).",
  messages: {
    slotsTooSmall:
      "{{option}} splits a context of {{total}} tokens into {{slots}} slots of {{perSlot}}: a prompt plus its answer rarely fits — lower -np, raise -c to at least {{minCtx}}, or share one pool with --kv-unified",
    slotsTooSmallNoUnified:
      "{{option}} splits a context of {{total}} tokens into {{slots}} slots of {{perSlot}}: a prompt plus its answer rarely fits — lower -np, or raise -c to at least {{minCtx}}",
  },
  check(ctx) {
    // No -np is the build's default: one slot, or (from b7433) automatic slots sharing one unified pool.
    const npOpt = ctx.args.get("-np");
    const np = intValue(npOpt);
    if (!npOpt || np === undefined || np <= 1) return;
    if (ctx.args.get("-kvu")?.value === "true") return; // one shared pool: no split
    const cOpt = ctx.args.get("-c");
    const c = intValue(cOpt);
    const ctxDefault = ctx.build.defaults.ctxSize;
    const total = c !== undefined && c > 0 ? c : !cOpt && ctxDefault > 0 ? ctxDefault : ctx.model?.nCtxTrain;
    if (total === undefined) return;
    const perSlot = Math.floor(total / np);
    if (perSlot >= MIN_SLOT_TOKENS) return;
    ctx.report({
      messageId: accepts(ctx.build.flags, "--kv-unified") ? "slotsTooSmall" : "slotsTooSmallNoUnified",
      data: { option: describeOption(npOpt), total, slots: np, perSlot, minCtx: np * MIN_SLOT_TOKENS },
      path: optionPath(npOpt) ?? "extraArgs",
    });
  },
});
