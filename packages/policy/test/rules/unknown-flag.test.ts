import { DATA_RANGE } from "../../src/llama/builds.js";
import rule from "../../src/rules/unknown-flag.js";
import { testRule } from "../rule-tester.js";

// The fixtures without image.tag run the default pinned build, server-b11429, newer than the data.
testRule(rule, {
  valid: ["known.yaml", "older-than-data.yaml"],
  invalid: [
    {
      file: "typo.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", messageId: "unknownFlagDidYouMean", data: { flag: '"--ctx-sise"', suggestion: "--ctx-size" } },
        // b11429 may have flags the data (up to its last build) does not: a warning, not an error.
        { line: 4, column: 5, path: "extraArgs[2]", severity: "warning", messageId: "unknownFlagNewerBuild", data: { flag: '"-x"', last: DATA_RANGE.last, build: "b11429" } },
        { line: 5, column: 5, path: "extraArgs[3]", messageId: "unknownFlagDidYouMean", data: { flag: '"--threds"', suggestion: "--threads" } },
        { line: 6, column: 5, path: "extraArgs[4]", messageId: "shortFlagInlineValue", data: { arg: '"-c=4096"', flag: '"-c"', value: '"4096"' } },
        { line: 8, column: 11, path: "extraEnv[0].name", messageId: "unknownEnv", data: { name: "LLAMA_ARG_CTX_SZE", hint: " — did you mean LLAMA_ARG_CTX_SIZE?" } },
      ],
    },
    {
      file: "stray-value.yaml",
      errors: [
        { line: 3, column: 5, messageId: "valueAfterSwitch", data: { text: '"true"', flag: "--metrics" } },
        { line: 6, column: 5, messageId: "strayValue", data: { text: '"extra"' } },
      ],
    },
    { file: "exact-build.yaml", errors: [{ line: 4, column: 13, path: "extraArgs[0]", messageId: "unknownFlag", data: { flag: '"-x"', build: "b10500" } }] },
    {
      file: "later.yaml",
      errors: [
        { line: 5, column: 5, path: "extraArgs[0]", messageId: "laterFlag", data: { flag: "--cache-ram", added: 6723, build: "b4719" } },
        { line: 7, column: 5, path: "extraArgs[2]", messageId: "laterFlag", data: { flag: "--load-mode", added: 10105, build: "b4719" } },
        { line: 10, column: 11, path: "extraEnv[0].name", messageId: "laterEnv", data: { name: "LLAMA_ARG_CACHE_RAM", added: 6723, build: "b4719" } },
      ],
    },
  ],
});
