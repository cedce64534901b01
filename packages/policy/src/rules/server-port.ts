import { defineRule } from "../define-rule.js";
import { describeOption, nameText, optionPath } from "../rule-utils.js";

export default defineRule({
  id: "server-port",
  description: "The server's --port (or LLAMA_ARG_PORT) equals service.port: one port number for the server, the Service, the Ingress and in-cluster URLs.",
  severity: "error",
  fixable: true,
  help: "Set --port to service.port, or drop --port and let the chart add it.",
  messages: {
    portMismatch:
      "{{option}} but service.port is {{servicePort}}{{fromDefault}}: the pod listens on {{port}} while the Service, Ingress and in-cluster URLs use {{servicePort}} — set {{suggestion}} (or change service.port)",
  },
  check(ctx) {
    const opt = ctx.args.get("--port");
    if (!opt || opt.source === "chart" || opt.value === undefined || !/^\d+$/.test(opt.value.trim())) return;
    const servicePort = ctx.get("service.port");
    const expected = typeof servicePort === "number" ? servicePort : 8080;
    const fromDefault = ctx.origin("service.port").kind !== "values" ? " (the chart default)" : "";
    if (Number(opt.value) === expected) return;
    const path = optionPath(opt, "value");
    const node = path ? ctx.node(path) : undefined;
    const newValue = opt.inline ? `${opt.name}=${expected}` : String(expected);
    ctx.report({
      messageId: "portMismatch",
      data: {
        option: describeOption(opt),
        servicePort: expected,
        fromDefault,
        port: nameText(opt.value),
        suggestion: opt.source === "env" ? `${nameText(opt.name)}=${expected}` : `${nameText(opt.name)} ${expected}`,
      },
      path: path ?? "extraArgs",
      ...(node ? { fix: { node, value: newValue } } : {}),
    });
  },
});
