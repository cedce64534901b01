import rule from "../../src/rules/flag-value.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["values.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", message: "-fa needs a value ([on|off|auto]) but is followed by -c, which the server would swallow as its value: put the value right after it as its own item" },
        { line: 5, column: 5, path: "extraArgs[3]", message: "--port needs a value (PORT) but is the last item: put the value right after it as its own item" },
      ],
    },
    {
      file: "not-integer.yaml",
      errors: [
        { line: 3, column: 5, path: "extraArgs[1]", message: '-c must be a whole number, got "4k": the server stops with "invalid argument"' },
        { line: 5, column: 5, message: '--threads must be a whole number, got "2.5": the server stops with "invalid argument"' },
        { line: 7, column: 5, message: '-fa must be one of on, off, auto, got "yes"' },
        { line: 9, column: 5, message: "--port must be a port between 1 and 65535, got 70000" },
        { line: 10, column: 5, message: "--metrics takes no value: write the switch alone (its negation, if any, turns it off)" },
        { line: 13, column: 12, path: "extraEnv[0].value", message: 'LLAMA_ARG_N_PARALLEL (-np/--parallel) must be a whole number, got "two": the server stops with "invalid argument"' },
      ],
    },
  ],
});
