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
          message: "-m opens /models/phi-2.Q5_K_M.gguf but the model is downloaded to /models/phi-2.Q4_K_M.gguf (volume.models.mountPath + model.filename): set -m to /models/phi-2.Q4_K_M.gguf",
        },
      ],
    },
    { file: "mount-path.yaml", fixed: true, errors: [{ line: 7, column: 19, message: /but the model is downloaded to \/data\/phi-2\.Q4_K_M\.gguf .*set -m to \/data\/phi-2\.Q4_K_M\.gguf$/ }] },
    { file: "inline-plain.yaml", fixed: true, errors: [{ line: 5, column: 5, path: "extraArgs[0]", message: /^--model opens \/models\/phi2\.gguf but/ }] },
    { file: "env.yaml", fixed: true, errors: [{ line: 6, column: 12, path: "extraEnv[0].value", message: /^LLAMA_ARG_MODEL opens \/models\/phi-2\.gguf but/ }] },
  ],
});
