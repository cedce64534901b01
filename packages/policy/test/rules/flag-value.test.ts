import rule from "../../src/rules/flag-value.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["auto-values.yaml", "values.yaml"],
  invalid: [
    {
      file: "missing.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", messageId: "missingValueBeforeFlag", data: { flag: "-fa", hint: " ([on|off|auto])", next: '"-c"' } },
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
    {
      // std::stoi reads a C int: anything outside it stops the server; some flags refuse more.
      file: "out-of-range.yaml",
      errors: [
        { line: 3, column: 5, path: "extraArgs[1]", messageId: "outOfIntRange", data: { flag: "-t", value: '"99999999999999999999"' } },
        { line: 5, column: 5, path: "extraArgs[3]", messageId: "refusedInteger", data: { flag: "-c", value: '"-5"', why: "a negative context size wraps around" } },
        { line: 7, column: 5, path: "extraArgs[5]", messageId: "refusedInteger", data: { flag: "-np", value: '"0"', why: 'the server refuses 0 slots with "invalid value for n_parallel" (-1 means auto)' } },
        { line: 9, column: 5, path: "extraArgs[7]", messageId: "outOfIntRange", data: { flag: "--port", value: '"4294967297"' } },
        { line: 11, column: 5, path: "extraArgs[9]", messageId: "outOfIntRange", data: { flag: "-b", value: '"2147483648"' } },
        { line: 13, column: 5, path: "extraArgs[11]", messageId: "outOfIntRange", data: { flag: "-ub", value: '"-2147483649"' } },
        { line: 15, column: 5, path: "extraArgs[13]", messageId: "refusedInteger", data: { flag: "--checkpoint-min-step", value: '"-1"', why: "the server refuses it" } },
        { line: 18, column: 12, path: "extraEnv[0].value", messageId: "refusedInteger", data: { flag: "LLAMA_ARG_CTX_SIZE (-c/--ctx-size)", value: '"-4096"', why: "a negative" } },
      ],
    },
    {
      file: "old-build-parallel.yaml",
      errors: [{ line: 6, column: 5, path: "extraArgs[1]", messageId: "refusedInteger", data: { flag: "-np", value: '"-1"', why: "this build (b7000, before b7433) has no automatic slot count" } }],
    },
    { file: "gpu-layers.yaml", errors: [{ line: 3, column: 5, path: "extraArgs[1]", messageId: "invalidGpuLayers", data: { flag: "-ngl", value: '"many"' } }] },
  ],
});
