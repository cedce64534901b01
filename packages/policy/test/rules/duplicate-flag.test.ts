import rule from "../../src/rules/duplicate-flag.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["once.yaml"],
  invalid: [
    {
      file: "twice.yaml",
      errors: [{ line: 2, column: 5, path: "extraArgs[0]", messageId: "repeatedFlag", data: { flag: "--threads", count: 2, ignored: "-t 4", last: "--threads 8" } }],
    },
    {
      file: "env-and-arg.yaml",
      errors: [
        { line: 3, column: 5, path: "extraEnv[0]", messageId: "envOverridden", data: { name: "LLAMA_ARG_CTX_SIZE", option: "-c 4096" } },
        { line: 7, column: 5, path: "extraEnv[2]", messageId: "envRepeated", data: { first: "LLAMA_ARG_ENDPOINT_SLOTS", second: "LLAMA_ARG_NO_ENDPOINT_SLOTS", flag: "--slots" } },
      ],
    },
  ],
});
