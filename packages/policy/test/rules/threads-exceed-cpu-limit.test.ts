import rule from "../../src/rules/threads-exceed-cpu-limit.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["equal.yaml", "millicores.yaml", "no-limit.yaml", "half-core.yaml"],
  invalid: [
    {
      file: "threads.yaml",
      errors: [
        { line: 6, column: 5, path: "extraArgs[1]", messageId: "tooManyThreads", data: { option: "-t 8", threads: 8, limit: '"4"', suggestion: "-t 4" } },
        { line: 8, column: 5, path: "extraArgs[3]", messageId: "tooManyThreads", data: { option: "-tb 16", threads: 16, limit: '"4"', suggestion: "-tb 4" } },
      ],
    },
    {
      file: "millicores.yaml",
      errors: [{ line: 4, column: 13, messageId: "tooManyThreads", data: { option: "--threads=2", threads: 2, limit: '"1500m"', suggestion: "--threads 1" } }],
    },
    {
      file: "env.yaml",
      errors: [
        { line: 6, column: 12, path: "extraEnv[0].value", messageId: "tooManyThreads", data: { option: "LLAMA_ARG_THREADS=8", threads: 8, limit: 4, suggestion: "LLAMA_ARG_THREADS=4" } },
      ],
    },
  ],
});
