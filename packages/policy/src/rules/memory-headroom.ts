import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { formatBytes, memoryQuantityAtLeast, shown } from "../rule-utils.js";

const MiB = 2 ** 20;
/** Below this, the context-sized terms are not worth a "lower -c" suggestion. */
const CONTEXT_TERMS_WORTH_NAMING = 512 * MiB;

export default defineRule({
  id: "memory-headroom",
  description:
    "resources.limits.memory holds the model file + the KV cache and compute buffers for -c + the prompt cache (--cache-ram, default 8192 MiB where the build has one) + headroom.",
  severity: "warning",
  help: "Raise resources.limits.memory to the estimate, or shrink what the server allocates: a smaller -c, a quantised KV cache (-ctk/-ctv q8_0), or a capped prompt cache (--cache-ram N, 0 = off).",
  messages: {
    noLimit: "no resources.limits.memory: estimated need {{need}} ({{breakdown}}) — set limits.memory (and requests.memory) to at least {{minimum}}",
    unboundedPromptCache:
      "--cache-ram -1 lets the prompt cache grow without bound inside resources.limits.memory {{limit}}: the pod will be OOM-killed eventually — cap it (e.g. --cache-ram 1024)",
    belowEstimate: "resources.limits.memory {{limit}} is below the estimated need of {{need}}: {{breakdown}} — raise the limit to {{minimum}}{{alternative}}",
  },
  check(ctx) {
    const need = ctx.estimate;
    if (!need) return;
    const raw = ctx.get("resources.limits.memory");
    const limit = parseQuantity(raw);
    const unlimited = need.promptCacheBytes === undefined;
    if (limit === undefined) {
      ctx.report({
        messageId: "noLimit",
        data: { need: formatBytes(need.memoryBytes), breakdown: need.breakdown, minimum: memoryQuantityAtLeast(need.memoryBytes) },
        path: "resources.limits.memory",
      });
      return;
    }
    if (limit < need.fileBytes) return; // memory-below-model-size reports this
    if (unlimited) {
      ctx.report({
        messageId: "unboundedPromptCache",
        data: { limit: shown(raw) },
        path: "resources.limits.memory",
      });
      return;
    }
    if (limit >= need.memoryBytes) return;
    const room = limit - (need.memoryBytes - (need.promptCacheBytes ?? 0));
    const cram = Math.floor(room / MiB / 256) * 256;
    let alternative = "";
    if ((need.promptCacheBytes ?? 0) > 0 && cram >= 0) alternative = `, or cap the prompt cache with "--cache-ram", "${cram}"`;
    else if ((need.kvCacheBytes ?? 0) + need.computeBytes > CONTEXT_TERMS_WORTH_NAMING) {
      alternative = need.kvTypes.k === "f16" ? ", or lower -c / quantise the KV cache (-ctk q8_0 -ctv q8_0)" : ", or lower -c";
    }
    ctx.report({
      messageId: "belowEstimate",
      data: { limit: shown(raw), need: formatBytes(need.memoryBytes), breakdown: need.breakdown, minimum: memoryQuantityAtLeast(need.memoryBytes), alternative },
      path: "resources.limits.memory",
    });
  },
});
