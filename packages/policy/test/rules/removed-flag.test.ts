import rule from "../../src/rules/removed-flag.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["load-mode.yaml"],
  invalid: [
    {
      file: "mlock.yaml",
      errors: [
        {
          line: 2,
          column: 5,
          path: "extraArgs[0]",
          messageId: "removedFlag",
          data: { flag: "--mlock", replacement: "--load-mode mlock (or mmap+mlock); the load-mode refactor folded --mlock into -lm/--load-mode" },
        },
        { line: 3, column: 5, messageId: "removedFlag", data: { flag: "--no-mmap", replacement: "--load-mode none (read the weights into RAM)" } },
        {
          line: 4,
          column: 5,
          messageId: "notAServerOption",
          data: { flag: "-p/--prompt", hint: "prompts are sent per request (POST /completion, /v1/chat/completions), not on the server command line" },
        },
        { line: 7, column: 11, path: "extraEnv[0].name", messageId: "removedEnv", data: { name: "LLAMA_ARG_MLOCK", replacement: "LLAMA_ARG_LOAD_MODE=mlock" } },
      ],
    },
    {
      file: "historical.yaml",
      errors: [
        { line: 1, column: 13, messageId: "removedFlag", data: { flag: "--log-format", replacement: "--log-jsonl for JSON logs" } },
        { line: 1, column: 33, messageId: "removedFlag", data: { flag: "-cpent", replacement: "-cms/--checkpoint-min-step" } },
      ],
    },
    // A variable of another llama.cpp tool: nothing replaces it.
    {
      file: "other-tool-env.yaml",
      errors: [
        {
          line: 2,
          column: 11,
          path: "extraEnv[0].name",
          messageId: "removedEnvNoReplacement",
          data: { name: "LLAMA_ARG_SHOW_TIMINGS", hint: "it belongs to another llama.cpp tool (llama-cli, llama-perplexity, …); drop it" },
        },
      ],
    },
  ],
});
