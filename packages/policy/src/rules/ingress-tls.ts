import { defineRule } from "../define-rule.js";

export default defineRule({
  id: "ingress-tls",
  description: "An enabled Ingress has TLS (ingress.tls), so prompts and completions are not sent in clear text.",
  severity: "warning",
  help: "Add ingress.tls with the hosts and the Secret holding the certificate (e.g. from cert-manager).",
  messages: {
    noTls: "ingress is enabled without TLS: prompts, completions and any API key cross the network in clear text — add ingress.tls (hosts and a certificate Secret)",
  },
  check(ctx) {
    const ingress = ctx.get("ingress");
    if (!ingress || typeof ingress !== "object" || (ingress as { enabled?: unknown }).enabled !== true) return;
    const tls = (ingress as { tls?: unknown }).tls;
    if (Array.isArray(tls) ? tls.length > 0 : tls && typeof tls === "object" ? Object.keys(tls).length > 0 : tls === true) return;
    ctx.report({
      messageId: "noTls",
      path: ctx.origin("ingress.tls").kind === "values" ? "ingress.tls" : "ingress.enabled",
    });
  },
});
