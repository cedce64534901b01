import rule from "../../src/rules/model-disabled.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["enabled.yaml", "baked-in.yaml"],
  invalid: [
    {
      file: "chart-adds.yaml",
      errors: [
        {
          line: 2,
          column: 12,
          path: "model.enabled",
          message:
            "model.enabled is false, so nothing is downloaded into /models, yet the server opens /models/phi-2.Q4_K_M.gguf (-m added by the chart) and will fail to start — set model.enabled: true, or point -m at a model that exists without the download",
        },
      ],
    },
    { file: "explicit.yaml", errors: [{ line: 2, column: 12, message: /opens \/models\/phi-2\.Q4_K_M\.gguf \(extraArgs -m\)/ }] },
  ],
});
