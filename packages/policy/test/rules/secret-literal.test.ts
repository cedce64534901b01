import rule from "../../src/rules/secret-literal.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["secret-ref.yaml"],
  invalid: [
    {
      file: "literals.yaml",
      errors: [
        { line: 2, column: 9, path: "podAnnotations.note", messageId: "tokenLiteral", data: { what: "a Hugging Face token" } },
        { line: 5, column: 5, path: "extraArgs[1]", messageId: "secretFlag", data: { flag: "--api-key", env: "LLAMA_API_KEY" } },
        // Reported once, as a token, although the variable name also says "secret".
        { line: 8, column: 12, path: "extraEnv[0].value", messageId: "tokenLiteral", data: { what: "a Hugging Face token" } },
        { line: 10, column: 12, path: "extraEnv[1].value", messageId: "literalSecretEnv", data: { name: "DB_PASSWORD" } },
      ],
    },
  ],
});
