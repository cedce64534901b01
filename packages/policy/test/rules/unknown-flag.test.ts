import rule from "../../src/rules/unknown-flag.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["known.yaml"],
  invalid: [
    {
      file: "typo.yaml",
      errors: [
        { line: 2, column: 5, path: "extraArgs[0]", message: 'unknown server flag "--ctx-sise" — did you mean "--ctx-size"?' },
        { line: 4, column: 5, path: "extraArgs[2]", message: 'unknown server flag "-x": llama-server exits with "invalid argument" (check llama-server --help of the pinned build)' },
        { line: 5, column: 5, path: "extraArgs[3]", message: 'unknown server flag "--threds" — did you mean "--threads"?' },
        { line: 6, column: 5, path: "extraArgs[4]", message: 'unknown server flag "-c=4096": short flags take their value as the next item — write "-c", "4096"' },
        { line: 8, column: 11, path: "extraEnv[0].name", message: "LLAMA_ARG_CTX_SZE is not a variable llama-server reads, so it is silently ignored — did you mean LLAMA_ARG_CTX_SIZE?" },
      ],
    },
    {
      file: "stray-value.yaml",
      errors: [
        { line: 3, column: 5, message: '"true" follows --metrics, which takes no value: llama-server exits with "invalid argument" — remove it, or use the flag that takes it' },
        { line: 6, column: 5, message: '"extra" is neither a flag nor a flag\'s value: llama-server exits with "invalid argument" — remove it or add its flag' },
      ],
    },
  ],
});
