import { formatBinaryBytes, parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { suggestible } from "../llama/standing.js";
import type { FlagTable } from "../llama/types.js";
import type { MemoryEstimate } from "../memory.js";
import { memoryQuantityAtLeast, shown } from "../rule-utils.js";

const MiB = 2 ** 20;
/** Below this, the context-sized terms are not worth a "lower -c" suggestion. */
const CONTEXT_TERMS_WORTH_NAMING = 512 * MiB;

/** What else would make the estimate fit under `limit`, in flags the file's build takes ("" when nothing does). */
function alternativeFor(flags: FlagTable, need: MemoryEstimate, limit: number): string {
  const room = limit - (need.memoryBytes - (need.promptCacheBytes ?? 0));
  const cram = Math.floor(room / MiB / 256) * 256;
  const capCache = `"--cache-ram", "${cram}"`;
  if ((need.promptCacheBytes ?? 0) > 0 && cram >= 0 && suggestible(flags, capCache)) return `, or cap the prompt cache with ${capCache}`;
  if ((need.kvCacheBytes ?? 0) + need.computeBytes <= CONTEXT_TERMS_WORTH_NAMING) return "";
  const quantise = "-ctk q8_0 -ctv q8_0";
  return need.kvTypes.k === "f16" && suggestible(flags, quantise) ? `, or lower -c / quantise the KV cache (${quantise})` : ", or lower -c";
}

export default defineRule({
  id: "memory-headroom",
  description:
    "resources.limits.memory holds the model file + the KV cache and compute buffers for -c (or the build's default) + the host-RAM prompt cache where the build has one (--cache-ram, default 8192 MiB) + headroom.",
  severity: "warning",
  help: "Raise resources.limits.memory to the estimate, or shrink what the server allocates: a smaller -c, a quantised KV cache (-ctk/-ctv q8_0), or a capped prompt cache (--cache-ram N, 0 = off) where the file's build has one.",
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
        data: { need: formatBinaryBytes(need.memoryBytes), breakdown: need.breakdown, minimum: memoryQuantityAtLeast(need.memoryBytes) },
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
    const alternative = alternativeFor(ctx.build.flags, need, limit);
    ctx.report({
      messageId: "belowEstimate",
      data: { limit: shown(raw), need: formatBinaryBytes(need.memoryBytes), breakdown: need.breakdown, minimum: memoryQuantityAtLeast(need.memoryBytes), alternative },
      path: "resources.limits.memory",
    });
  },
});
