import { defineRule } from "../define-rule.js";
import { describeOption, nameText, optionPath } from "../rule-utils.js";

/** Addresses that only accept connections from inside the container. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "0:0:0:0:0:0:0:1" || h === "ip6-localhost";
}

export default defineRule({
  id: "server-host-loopback",
  description: "The server's --host is not a loopback address, so the Service and probes can reach it.",
  severity: "error",
  fixable: true,
  help: "Use --host 0.0.0.0, or drop --host and let the chart add it.",
  messages: {
    loopbackHost: "{{option}} listens on loopback only: the Service and the probes cannot reach the server — use {{suggestion}}",
  },
  check(ctx) {
    const opt = ctx.args.get("--host");
    if (!opt || opt.source === "chart" || opt.value === undefined || !isLoopback(opt.value)) return;
    const path = optionPath(opt, "value");
    const node = path ? ctx.node(path) : undefined;
    ctx.report({
      messageId: "loopbackHost",
      data: { option: describeOption(opt), suggestion: opt.source === "env" ? `${nameText(opt.name)}=0.0.0.0` : `${nameText(opt.name)} 0.0.0.0` },
      path: path ?? "extraArgs",
      ...(node ? { fix: { node, value: opt.inline ? `${opt.name}=0.0.0.0` : "0.0.0.0" } } : {}),
    });
  },
});
