import rule from "../../src/rules/model-sha256.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["with-sha.yaml", "disabled.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        {
          line: 1,
          column: 1,
          path: "model.sha256",
          message:
            'model.sha256 is not set, so the download of phi-2.Q4_K_M.gguf is not verified: copy the "SHA256" on https://huggingface.co/TheBloke/phi-2-GGUF/blob/main/phi-2.Q4_K_M.gguf (or run `sha256sum phi-2.Q4_K_M.gguf`) into model.sha256',
        },
      ],
    },
    { file: "url-only.yaml", errors: [{ line: 1, column: 1, message: /copy the publisher's checksum \(or run `sha256sum my-model\.Q4_K_M\.gguf`\)/ }] },
  ],
});
