import rule from "../../src/rules/secret-literal.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["secret-ref.yaml"],
  invalid: [
    {
      file: "literals.yaml",
      errors: [
        { line: 2, column: 9, path: "podAnnotations.note", message: /^this looks like a Hugging Face token: never commit it — put it in a Secret/ },
        {
          line: 5,
          column: 5,
          path: "extraArgs[1]",
          message: "--api-key puts a secret in the pod spec and in Git: remove it and set LLAMA_API_KEY from a Secret (extraEnv: name LLAMA_API_KEY, valueFrom.secretKeyRef)",
        },
        // Reported once, as a token, although the variable name also says "secret".
        { line: 8, column: 12, path: "extraEnv[0].value", message: /^this looks like a Hugging Face token/ },
        { line: 10, column: 12, path: "extraEnv[1].value", message: "extraEnv DB_PASSWORD has a literal value: a secret in the values file ends up in Git — use valueFrom.secretKeyRef (name: <secret>, key: <key>) instead of value" },
      ],
    },
  ],
});
