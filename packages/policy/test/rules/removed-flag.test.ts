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
          message:
            "--mlock was removed from llama-server (the pinned build rejects it and the pod crash-loops): use --load-mode mlock (or mmap+mlock); the load-mode refactor folded --mlock into -lm/--load-mode",
        },
        { line: 3, column: 5, message: "--no-mmap was removed from llama-server (the pinned build rejects it and the pod crash-loops): use --load-mode none (read the weights into RAM)" },
        {
          line: 4,
          column: 5,
          message:
            '-p/--prompt is not a llama-server option (the server exits with "invalid argument"): prompts are sent per request (POST /completion, /v1/chat/completions), not on the server command line',
        },
        { line: 7, column: 11, path: "extraEnv[0].name", message: "LLAMA_ARG_MLOCK is no longer read by the pinned llama-server build, so it silently does nothing: use LLAMA_ARG_LOAD_MODE=mlock" },
      ],
    },
    {
      file: "historical.yaml",
      errors: [
        { line: 1, column: 13, message: /^--log-format was removed .*: use --log-jsonl for JSON logs$/ },
        { line: 1, column: 33, message: /^-cpent was removed .*: use -cms\/--checkpoint-min-step$/ },
      ],
    },
  ],
});
