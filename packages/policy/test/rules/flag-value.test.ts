import rule from "../../src/rules/flag-value.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["values.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", messageId: "missingValueBeforeFlag", data: { flag: "-fa", hint: " ([on|off|auto])", next: "-c" } },
        { line: 5, column: 5, path: "extraArgs[3]", messageId: "missingValueAtEnd", data: { flag: "--port", hint: " (PORT)" } },
      ],
    },
    {
      file: "not-integer.yaml",
      errors: [
        { line: 3, column: 5, path: "extraArgs[1]", messageId: "notAWholeNumber", data: { flag: "-c", value: '"4k"' } },
        { line: 5, column: 5, messageId: "notAWholeNumber", data: { flag: "--threads", value: '"2.5"' } },
        { line: 7, column: 5, messageId: "notAChoice", data: { flag: "-fa", choices: "on, off, auto", value: '"yes"' } },
        { line: 9, column: 5, messageId: "portOutOfRange", data: { flag: "--port", port: 70000 } },
        { line: 10, column: 5, messageId: "valueForSwitch", data: { flag: "--metrics" } },
        { line: 13, column: 12, path: "extraEnv[0].value", messageId: "notAWholeNumber", data: { flag: "LLAMA_ARG_N_PARALLEL (-np/--parallel)", value: '"two"' } },
      ],
    },
    { file: "gpu-layers.yaml", errors: [{ line: 3, column: 5, path: "extraArgs[1]", messageId: "invalidGpuLayers", data: { flag: "-ngl", value: '"many"' } }] },
  ],
});
