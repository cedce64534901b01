import { basename, extname } from "node:path";
import { defineRule } from "../define-rule.js";
import { memoryParts, nameText } from "../rule-utils.js";
import { LOCK_FILE } from "../lock.js";
import type { ModelEstimate } from "../model.js";

/** The values file's model name, as `llmchart models pin` takes it. */
function modelName(path: string): string {
  return basename(path, extname(path));
}

/** What a name-based estimate rests on, for the message. */
function basisOf(m: ModelEstimate): string {
  const size = m.fileSize === "sizeBytes" ? "model.sizeBytes" : m.model ? `known model ${m.model}${m.quant ? `, ${m.quant}` : ""}` : `${m.params !== undefined ? `${(m.params / 1e9).toFixed(2).replace(/\.?0+$/, "")}B parameters` : "size"}${m.quant ? ` × ${m.quant}` : ""}`;
  return m.shape?.basis === "assumed" ? `${size}; architecture unknown, so the KV cache is assumed conservatively` : size;
}

export default defineRule({
  id: "model-size-unknown",
  description:
    "The model's size and shape are pinned in the lock file (llmchart models pin reads them from the GGUF header), so the memory and rollout checks use exact figures rather than estimates from the file name.",
  severity: "info",
  help: "Run `llmchart models pin <model>` (it reads the file's size, SHA256 and header over HTTP range requests and records them in llmchart.lock.yaml), or `llmchart models pin --offline --file <path.gguf> <model>` for a downloaded file.",
  messages: {
    notPinned:
      "{{filename}} is not pinned in {{lock}}, so its size and shape are estimated from its name ({{basis}}) — run `llmchart models pin {{model}}` to read them from the file's header",
    otherFile:
      "the entry for {{filename}} in {{lock}} is for another file ({{why}}), so its size and shape are estimated from its name — run `llmchart models pin {{model}}` again",
    noParamsOrQuant:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states neither a parameter count (e.g. 7b) or known model nor a quantisation (e.g. Q4_K_M), so the memory and rollout checks were skipped — run `llmchart models pin {{model}}` to read it from the file's header, or size resources.limits.memory by hand ({{byHand}})",
    noQuant:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states no GGUF quantisation (e.g. Q4_K_M), so the memory and rollout checks were skipped — run `llmchart models pin {{model}}` to read it from the file's header, or size resources.limits.memory by hand ({{byHand}})",
    noParams:
      "cannot estimate the size of {{filename}}: its name (and model.repoId) states no parameter count (e.g. 7b) or known model name, so the memory and rollout checks were skipped — run `llmchart models pin {{model}}` to read it from the file's header, or size resources.limits.memory by hand ({{byHand}})",
  },
  check(ctx) {
    const filename = ctx.text("model.filename");
    const m = ctx.model;
    if (!filename || m?.pin?.kind === "pinned") return;
    const model = modelName(ctx.file.path);
    if (m?.pin?.kind === "other-file") {
      ctx.report({ messageId: "otherFile", data: { filename: nameText(filename), lock: LOCK_FILE, why: m.pin.why, model }, path: "model.filename" });
      return;
    }
    if (m?.fileBytes !== undefined) {
      ctx.report({ messageId: "notPinned", data: { filename: nameText(filename), lock: LOCK_FILE, basis: basisOf(m), model }, path: "model.filename" });
      return;
    }
    const messageId = !m || (m.quant === undefined && m.params === undefined) ? "noParamsOrQuant" : m.quant === undefined ? "noQuant" : "noParams";
    ctx.report({ messageId, data: { filename: nameText(filename), model, byHand: memoryParts(ctx.build).byHand }, path: "model.filename" });
  },
});
