import rule from "../../src/rules/unknown-flag.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["known.yaml"],
  invalid: [
    {
      file: "typo.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", messageId: "unknownFlagDidYouMean", data: { flag: '"--ctx-sise"', suggestion: "--ctx-size" } },
        { line: 4, column: 5, path: "extraArgs[2]", messageId: "unknownFlag", data: { flag: '"-x"' } },
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
  ],
});
