import { parseQuantity } from "@llmchart/schema";
import { defineRule } from "../define-rule.js";
import { shown } from "../rule-utils.js";

export default defineRule({
  id: "requests-exceed-limits",
  description: "Every resource request is at most its limit (Kubernetes rejects the pod otherwise).",
  severity: "error",
  help: "Lower the request or raise the limit; for a model server, requests = limits (Guaranteed QoS) is a good default.",
  messages: {
    requestAboveLimit:
      '{{scope}}.requests.{{resource}} {{request}} is more than {{scope}}.limits.{{resource}} {{limit}}: Kubernetes rejects the pod ("must be less than or equal to {{resource}} limit") — lower the request or raise the limit',
  },
  check(ctx) {
    for (const scope of ["resources", "initDownloader.resources"]) {
      const requests = ctx.get(`${scope}.requests`);
      const limits = ctx.get(`${scope}.limits`);
      if (!requests || typeof requests !== "object" || !limits || typeof limits !== "object") continue;
      for (const [name, req] of Object.entries(requests as Record<string, unknown>)) {
        const lim = (limits as Record<string, unknown>)[name];
        const kind = name === "cpu" ? "cpu" : "bytes";
        const r = parseQuantity(req, kind);
        const l = parseQuantity(lim, kind);
        if (r === undefined || l === undefined || r <= l) continue;
        ctx.report({
          messageId: "requestAboveLimit",
          data: { scope, resource: name, request: shown(req), limit: shown(lim) },
          path: [...scope.split("."), "requests", name],
        });
      }
    }
  },
});
