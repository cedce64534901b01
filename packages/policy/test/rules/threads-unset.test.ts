import rule from "../../src/rules/threads-unset.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["set.yaml", "no-limit.yaml", "env.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        {
          line: 4,
          column: 1,
          path: "extraArgs",
          message: 'no -t: llama-server counts the node\'s physical cores, not resources.limits.cpu "4", and oversubscribes its threads — add "-t", "4" to extraArgs',
        },
      ],
    },
    // extraArgs is not in the file (the chart default is an empty list): the first key is the closest node.
    { file: "no-extra-args.yaml", errors: [{ line: 1, column: 1, path: "extraArgs", message: 'no -t: llama-server counts the node\'s physical cores, not resources.limits.cpu "2500m", and oversubscribes its threads — add "-t", "2" to extraArgs' }] },
    { file: "minus-one.yaml", errors: [{ line: 4, column: 19, path: "extraArgs[1]", message: /^-t -1 means "all cores": .* add "-t", "8" to extraArgs$/ }] },
  ],
});
