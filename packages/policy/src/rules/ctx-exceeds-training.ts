import { defineRule } from "../define-rule.js";
import { describeOption, optionPath } from "../rule-utils.js";
import { intValue } from "../server-args.js";

export default defineRule({
  id: "ctx-exceeds-training",
  description: "-c (the context size) is not above the model's training context.",
  severity: "warning",
  help: "Lower -c to the model's training context, or use RoPE scaling flags (--rope-scaling yarn …) on purpose.",
  messages: {
    exceedsTraining: "{{option}} is above {{model}}'s training context ({{train}}): the server caps each slot at {{train}} and still allocates the KV cache for {{ctxSize}} — use -c {{train}} or less",
  },
  check(ctx) {
    const train = ctx.model?.nCtxTrain;
    const opt = ctx.args.get("-c");
    const c = intValue(opt);
    if (train === undefined || !opt || c === undefined || c <= train) return;
    if (["--rope-scaling", "--rope-scale", "--rope-freq-scale", "--yarn-orig-ctx"].some((f) => ctx.args.get(f))) return;
    ctx.report({
      messageId: "exceedsTraining",
      data: { option: describeOption(opt), model: ctx.model?.model ?? "the model", train, ctxSize: c },
      path: optionPath(opt) ?? "extraArgs",
    });
  },
});
