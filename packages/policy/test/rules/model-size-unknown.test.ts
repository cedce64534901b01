import rule from "../../src/rules/model-size-unknown.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["known.yaml", "no-filename.yaml"],
  invalid: [
    {
      file: "custom-name.yaml",
      errors: [
        {
          line: 3,
          column: 13,
          path: "model.filename",
          message:
            "cannot estimate the size of my-finetune.gguf: its name (and model.repoId) states neither a parameter count (e.g. 7b) or known model nor a quantisation (e.g. Q4_K_M), so the memory and rollout checks were skipped — size resources.limits.memory by hand (file + KV cache + --cache-ram + headroom)",
        },
      ],
    },
    { file: "no-quant.yaml", errors: [{ line: 3, column: 13, message: /states no GGUF quantisation \(e\.g\. Q4_K_M\)/ }] },
  ],
});
