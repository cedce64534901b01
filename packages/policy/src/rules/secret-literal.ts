import { isSecretName, TOKEN_HINT, TOKEN_PATTERNS, type PathSegment } from "@llmchart/schema";
import { isPair, isScalar, isSeq, visit, type Node } from "yaml";
import { defineRule } from "../define-rule.js";
import { nameText, optionPath } from "../rule-utils.js";

function pathOf(ancestors: readonly unknown[], node: Node): PathSegment[] {
  const out: PathSegment[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    const next = chain[i + 1];
    if (isPair(a) && a.value === next && isScalar(a.key)) out.push(String(a.key.value));
    else if (isSeq(a)) out.push(a.items.indexOf(next));
  }
  return out;
}

export default defineRule({
  id: "secret-literal",
  description: "No secret in the values file: no token or API key anywhere, no --api-key/--hf-token value in extraArgs, no token/key/password variable with a literal value.",
  severity: "error",
  help: "Put the secret in a Kubernetes Secret (never in Git) and reference it with extraEnv valueFrom.secretKeyRef (LLAMA_API_KEY, HF_TOKEN); rotate any token that was committed.",
  messages: {
    tokenLiteral:
      "this looks like {{what}}: never commit it — put it in a Secret (e.g. the hf-token Secret named by huggingFace.secretName) and rotate this one, it is in Git history now",
    secretFlag: "{{flag}} puts a secret in the pod spec and in Git: remove it and set {{env}} from a Secret (extraEnv: name {{env}}, valueFrom.secretKeyRef)",
    literalSecretEnv:
      "extraEnv {{name}} has a literal value: a secret in the values file ends up in Git — use valueFrom.secretKeyRef (name: <secret>, key: <key>) instead of value",
  },
  check(ctx) {
    const reported = new Set<Node>();
    if (TOKEN_HINT.test(ctx.file.text)) visit(ctx.file.doc, {
      Scalar(_key, node, ancestors) {
        if (typeof node.value !== "string") return;
        const hit = TOKEN_PATTERNS.find((p) => p.re.test(node.value as string));
        if (!hit) return;
        reported.add(node);
        ctx.report({
          messageId: "tokenLiteral",
          data: { what: hit.what },
          node,
          path: pathOf(ancestors, node),
        });
      },
    });
    for (const flag of ["--api-key", "--hf-token"]) {
      for (const o of ctx.args.all(flag)) {
        if (o.source !== "args" || o.value === undefined || o.value === "") continue;
        const path = optionPath(o);
        const node = path ? ctx.node(path) : undefined;
        if (node && reported.has(node)) continue;
        if (node) reported.add(node);
        const env = o.spec.env ?? "the variable";
        ctx.report({
          messageId: "secretFlag",
          data: { flag: nameText(o.name), env },
          path: path ?? "extraArgs",
        });
      }
    }
    const env = ctx.get("extraEnv");
    if (!Array.isArray(env)) return;
    env.forEach((entry, i) => {
      const e = entry as { name?: unknown; value?: unknown };
      if (typeof e.name !== "string" || typeof e.value !== "string" || e.value === "" || !isSecretName(e.name)) return;
      const node = ctx.node(["extraEnv", i, "value"]);
      if (node && reported.has(node)) return;
      ctx.report({
        messageId: "literalSecretEnv",
        data: { name: nameText(e.name) },
        path: ["extraEnv", i, "value"],
      });
    });
  },
});
