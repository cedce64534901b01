import { posix } from "node:path";
import { defineRule } from "../define-rule.js";
import { expectedModelPath, nameText, optionPath } from "../rule-utils.js";

export default defineRule({
  id: "model-path",
  description: "The model path the server opens (-m/--model/LLAMA_ARG_MODEL) is volume.models.mountPath/model.filename, where the initContainer saves the download.",
  severity: "error",
  fixable: true,
  help: "Set -m to volume.models.mountPath/model.filename (e.g. /models/phi-2.Q4_K_M.gguf), or drop -m and let the chart add it.",
  messages: {
    wrongModelPath: "{{option}} opens {{value}} but the model is downloaded to {{expected}} (volume.models.mountPath + model.filename): set {{option}} to {{expected}}",
  },
  check(ctx) {
    const expected = expectedModelPath(ctx);
    const opt = ctx.args.get("-m");
    if (!expected || !opt || opt.source === "chart" || opt.value === undefined) return;
    if (posix.normalize(opt.value) === expected) return;
    const path = optionPath(opt, "value");
    const node = path ? ctx.node(path) : undefined;
    const newValue = opt.inline ? `${opt.name}=${expected}` : expected;
    ctx.report({
      messageId: "wrongModelPath",
      data: { option: nameText(opt.name), value: nameText(opt.value), expected: nameText(expected) },
      path: path ?? "extraArgs",
      ...(node ? { fix: { node, value: newValue } } : {}),
    });
  },
});
