import { describe, expect, it } from "vitest";
import rule from "../../src/rules/threads-unset.js";
import { followAdvice, lint } from "../helpers.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["set.yaml", "no-limit.yaml", "env.yaml"],
  invalid: [
    { file: "missing.yaml", errors: [{ line: 4, column: 1, path: "extraArgs", messageId: "noThreads", data: { limit: '"4"', threads: 4 } }] },
    // extraArgs is not in the file (the chart default is an empty list): the first key is the closest node.
    { file: "no-extra-args.yaml", errors: [{ line: 1, column: 1, path: "extraArgs", messageId: "noThreads", data: { limit: '"2500m"', threads: 2 } }] },
    // -t is there: the advice changes its value, it never adds a second -t.
    { file: "minus-one.yaml", errors: [{ line: 4, column: 19, path: "extraArgs[1]", messageId: "allCores", data: { option: "-t -1", limit: '"8"', suggestion: "-t 8" } }] },
    { file: "below-one-core.yaml", errors: [{ line: 4, column: 1, path: "extraArgs", messageId: "noThreadsBelowOneCore", data: { limit: '"500m"' } }] },
    {
      file: "env-minus-one-below-one-core.yaml",
      errors: [{ line: 6, column: 12, path: "extraEnv[0].value", messageId: "allCoresBelowOneCore", data: { option: "LLAMA_ARG_THREADS=-1", limit: '"500m"', suggestion: "LLAMA_ARG_THREADS=1" } }],
    },
  ],
});

describe("following the advice", () => {
  const ids = ["threads-exceed-cpu-limit", "threads-unset"];

  it("changing -t -1 to -t 8, as suggested (never a second -t): the problem goes away and nothing new appears", () => {
    const before = "resources:\n  limits:\n    cpu: \"8\"\nextraArgs: [\"-t\", \"-1\"]\n";
    expect(lint(before).find((p) => p.ruleId === "threads-unset")?.message).toMatch(/change it to -t 8$/);
    expect(followAdvice(before, before.replace('"-1"', '"8"'), ids)).toEqual({ remaining: [], worse: [] });
  });

  it('adding "-t", "1" under a 500m limit, as suggested, does too', () => {
    const before = "resources:\n  limits:\n    cpu: 500m\nextraArgs: [\"-c\", \"2048\"]\n";
    expect(followAdvice(before, before.replace('["-c", "2048"]', '["-c", "2048", "-t", "1"]'), ids)).toEqual({ remaining: [], worse: [] });
  });

  it("LLAMA_ARG_THREADS=1 under a 500m limit, as suggested, does too", () => {
    const before = "resources:\n  limits:\n    cpu: 500m\nextraEnv:\n  - name: LLAMA_ARG_THREADS\n    value: \"-1\"\n";
    expect(followAdvice(before, before.replace('"-1"', '"1"'), ids)).toEqual({ remaining: [], worse: [] });
  });
});
