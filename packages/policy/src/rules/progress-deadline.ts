import { formatBinaryBytes } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";

/** A conservative download rate: Hugging Face's CDN often does far better, a throttled cluster egress far worse. */
export const CONSERVATIVE_BYTES_PER_SECOND = 5e6;
/** Time to start the container and load the weights once downloaded. */
export const START_SECONDS = 300;

export default defineRule({
  id: "progress-deadline",
  description: "progressDeadlineSeconds leaves time to download the model at a conservative 5 MB/s and load it.",
  severity: "warning",
  help: "Raise progressDeadlineSeconds to at least the estimate in the message (model size ÷ 5 MB/s + 5 minutes).",
  messages: {
    deadlineTooShort:
      "progressDeadlineSeconds {{deadline}} is shorter than downloading ~{{size}} at a conservative 5 MB/s (~{{downloadMinutes}} min) plus {{startMinutes}} min to start: Kubernetes would mark the rollout failed mid-download — set it to at least {{needed}}",
  },
  check(ctx) {
    const bytes = ctx.model?.fileBytes;
    const deadline = ctx.get("progressDeadlineSeconds");
    if (bytes === undefined || typeof deadline !== "number" || ctx.get("model.enabled") === false) return;
    const download = bytes / CONSERVATIVE_BYTES_PER_SECOND;
    const needed = Math.ceil((download + START_SECONDS) / 60) * 60;
    if (deadline >= needed) return;
    ctx.report({
      messageId: "deadlineTooShort",
      data: { deadline, size: formatBinaryBytes(bytes), downloadMinutes: Math.ceil(download / 60), startMinutes: START_SECONDS / 60, needed },
      path: "progressDeadlineSeconds",
    });
  },
});
