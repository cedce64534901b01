import { describe, expect, it } from "vitest";
import rule from "../../src/rules/threads-exceed-cpu-limit.js";
import { followAdvice } from "../helpers.js";
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
      // The floor of 500m is 0: the advice is one thread, never "-t 0".
      file: "below-one-core.yaml",
      errors: [{ line: 4, column: 19, path: "extraArgs[1]", messageId: "tooManyThreadsBelowOneCore", data: { option: "-t 8", threads: 8, limit: '"500m"', suggestion: "-t 1" } }],
    },
    {
      file: "env.yaml",
      errors: [
        { line: 6, column: 12, path: "extraEnv[0].value", messageId: "tooManyThreads", data: { option: "LLAMA_ARG_THREADS=8", threads: 8, limit: 4, suggestion: "LLAMA_ARG_THREADS=4" } },
      ],
    },
  ],
});

describe("following the advice", () => {
  const ids = ["threads-exceed-cpu-limit", "threads-unset"];
  const before = "resources:\n  limits:\n    cpu: 500m\nextraArgs: [\"-t\", \"8\"]\n";

  it("-t 1 under a 500m limit, as suggested: the problem goes away and nothing new appears", () => {
    expect(followAdvice(before, before, ids).remaining.map((p) => p.messageId)).toEqual(["tooManyThreadsBelowOneCore"]);
    expect(followAdvice(before, before.replace('"8"', '"1"'), ids)).toEqual({ remaining: [], worse: [] });
  });

  it("raising limits.cpu to 1 with -t 1, the other advice, does too", () => {
    expect(followAdvice(before, before.replace("500m", "1").replace('"8"', '"1"'), ids)).toEqual({ remaining: [], worse: [] });
  });

  it("the floor of the limit, as suggested above one core, does too", () => {
    const millicores = "resources:\n  limits:\n    cpu: 1500m\nextraArgs: [--threads=2, -c, \"2048\"]\n";
    expect(followAdvice(millicores, millicores.replace("--threads=2", "--threads=1"), ids)).toEqual({ remaining: [], worse: [] });
  });
});
