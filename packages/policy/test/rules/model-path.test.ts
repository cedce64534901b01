import rule from "../../src/rules/model-path.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["explicit-path.yaml", "chart-adds.yaml", "custom-mount.yaml", "hf-repo.yaml"],
  invalid: [
    {
      file: "wrong-file.yaml",
      fixed: true,
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 32,
          path: "extraArgs[1]",
          messageId: "wrongModelPath",
          data: { option: "-m", value: "/models/phi-2.Q5_K_M.gguf", expected: "/models/phi-2.Q4_K_M.gguf" },
        },
      ],
    },
    { file: "mount-path.yaml", fixed: true, errors: [{ line: 7, column: 19, messageId: "wrongModelPath", data: { option: "-m", value: "/models/phi-2.Q4_K_M.gguf", expected: "/data/phi-2.Q4_K_M.gguf" } }] },
    { file: "inline-plain.yaml", fixed: true, errors: [{ line: 5, column: 5, path: "extraArgs[0]", messageId: "wrongModelPath", data: { option: "--model", value: "/models/phi2.gguf", expected: "/models/phi-2.Q4_K_M.gguf" } }] },
    { file: "env.yaml", fixed: true, errors: [{ line: 6, column: 12, path: "extraEnv[0].value", messageId: "wrongModelPath", data: { option: "LLAMA_ARG_MODEL", value: "/models/phi-2.gguf", expected: "/models/phi-2.Q4_K_M.gguf" } }] },
  ],
});
