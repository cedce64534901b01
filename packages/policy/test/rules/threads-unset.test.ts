import rule from "../../src/rules/threads-unset.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["set.yaml", "no-limit.yaml", "env.yaml"],
  invalid: [
    { file: "missing.yaml", errors: [{ line: 4, column: 1, path: "extraArgs", messageId: "noThreads", data: { limit: '"4"', threads: 4 } }] },
    // extraArgs is not in the file (the chart default is an empty list): the first key is the closest node.
    { file: "no-extra-args.yaml", errors: [{ line: 1, column: 1, path: "extraArgs", messageId: "noThreads", data: { limit: '"2500m"', threads: 2 } }] },
    { file: "minus-one.yaml", errors: [{ line: 4, column: 19, path: "extraArgs[1]", messageId: "allCores", data: { flag: "-t", value: "-1", limit: '"8"', threads: 8 } }] },
  ],
});
