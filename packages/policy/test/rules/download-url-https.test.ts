import rule from "../../src/rules/download-url-https.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["https.yaml", "no-url.yaml"],
  invalid: [
    {
      file: "http.yaml",
      errors: [
        {
          line: 4,
          column: 16,
          endColumn: 56,
          path: "model.downloadUrl",
          messageId: "plainHttp",
        },
      ],
    },
  ],
});
