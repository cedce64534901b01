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
    {
      // Escapes in double quotes spell a token the text does not show as such.
      file: "escaped.yaml",
      errors: [{ line: 2, column: 12, path: "podAnnotations.spelled", messageId: "tokenLiteral", data: { what: "a Hugging Face token" } }],
    },
    {
      // A line joined by "\" at its end: the token's prefix is split across two lines of the text.
      file: "joined.yaml",
      errors: [{ line: 2, column: 11, path: "podAnnotations.joined", messageId: "tokenLiteral", data: { what: "a Hugging Face token" } }],
    },
  ],
});
