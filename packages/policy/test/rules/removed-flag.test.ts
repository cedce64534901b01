import rule from "../../src/rules/removed-flag.js";
import { testRule } from "../rule-tester.js";

// The fixtures without image.tag run the default pinned build (server-b11429).
testRule(rule, {
  valid: ["load-mode.yaml", "older-build.yaml"],
  invalid: [
    {
      file: "mlock.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", messageId: "removedFlag", data: { flag: "--mlock", since: " in b10875", build: "b11429", replacement: "--load-mode mlock" } },
        { line: 3, column: 5, messageId: "removedFlag", data: { flag: "--no-mmap", since: " in b10875", build: "b11429", replacement: "--load-mode none" } },
        {
          line: 4,
          column: 5,
          messageId: "notAServerOption",
          data: { flag: "-p/--prompt", hint: "prompts are sent per request (POST /completion, /v1/chat/completions), not on the server command line" },
        },
        {
          line: 7,
          column: 11,
          path: "extraEnv[0].name",
          messageId: "removedEnv",
          data: { name: "LLAMA_ARG_MLOCK", since: " in b10875", build: "b11429", replacement: "LLAMA_ARG_LOAD_MODE=mlock" },
        },
      ],
    },
    {
      file: "historical.yaml",
      errors: [
        // The data has no replacement for --log-format: nothing is invented.
        { line: 1, column: 13, messageId: "removedFlagNoReplacement", data: { flag: "--log-format", since: " in b3761", build: "b11429" } },
        { line: 1, column: 33, messageId: "removedFlag", data: { flag: "-cpent", since: " in b9310", build: "b11429", replacement: "-cms/--checkpoint-min-step" } },
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
          data: { name: "LLAMA_ARG_SHOW_TIMINGS", build: "b11429", hint: "it belongs to llama-cli; drop it" },
        },
      ],
    },
    // Deprecated, not removed: a warning naming the replacement that exists in b10200.
    {
      file: "deprecated.yaml",
      errors: [
        { line: 5, column: 5, path: "extraArgs[0]", severity: "warning", messageId: "deprecatedFlag", data: { flag: "--mlock", build: "b10200", replacement: "--load-mode mlock" } },
        { line: 6, column: 5, severity: "warning", messageId: "deprecatedFlag", data: { flag: "--no-mmap", build: "b10200", replacement: "--load-mode none" } },
        { line: 8, column: 11, severity: "warning", messageId: "deprecatedEnv", data: { name: "LLAMA_ARG_MLOCK", build: "b10200", replacement: "LLAMA_ARG_LOAD_MODE=mlock" } },
      ],
    },
    {
      file: "deprecated-no-replacement.yaml",
      errors: [
        { line: 4, column: 13, severity: "warning", messageId: "deprecatedFlagNoReplacement", data: { flag: "--webui", build: "b9500" } },
        { line: 6, column: 11, severity: "warning", messageId: "deprecatedEnvNoReplacement", data: { name: "LLAMA_ARG_WEBUI", build: "b9500" } },
      ],
    },
  ],
});
