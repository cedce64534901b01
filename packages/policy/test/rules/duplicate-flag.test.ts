import rule from "../../src/rules/duplicate-flag.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["once.yaml"],
  invalid: [
    {
      file: "twice.yaml",
      errors: [{ line: 2, column: 5, path: "extraArgs[0]", message: "--threads is given 2 times: the server ignores -t 4 and uses the last, --threads 8 — remove the extra one" }],
    },
    {
      file: "env-and-arg.yaml",
      errors: [
        { line: 3, column: 5, path: "extraEnv[0]", message: "LLAMA_ARG_CTX_SIZE is ignored: -c 4096 in extraArgs beats the variable — keep one of them" },
        { line: 7, column: 5, path: "extraEnv[2]", message: /^LLAMA_ARG_ENDPOINT_SLOTS and LLAMA_ARG_NO_ENDPOINT_SLOTS both set --slots: keep one/ },
      ],
    },
  ],
});
